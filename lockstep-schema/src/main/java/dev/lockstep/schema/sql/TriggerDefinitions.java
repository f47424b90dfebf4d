package dev.lockstep.schema.sql;

import java.util.List;

/** Reads the parts of a trigger's definition, as {@code pg_get_triggerdef} prints it. */
public final class TriggerDefinitions {
  private TriggerDefinitions() {}

  /**
   * The condition of its {@code WHEN (…)} clause, as printed, or null when it has none. The catalog
   * keeps the condition only as a parse tree that refers to {@code OLD} and {@code NEW}, which
   * {@code pg_get_expr} refuses to print.
   */
  public static String whenCondition(String definition) {
    List<SqlToken> tokens = SqlLexer.tokens(definition);
    int when = Tokens.topLevelWord(tokens, "when", 0);
    if (when < 0 || when + 1 >= tokens.size() || !tokens.get(when + 1).isSymbol("(")) {
      return null;
    }
    int close = Tokens.closing(tokens, when + 1);
    if (close <= when + 2) {
      return null;
    }
    return definition.substring(tokens.get(when + 2).start(), tokens.get(close - 1).end());
  }

  /**
   * What follows {@code ON table}: how it fires ({@code FOR EACH …}, {@code WHEN …}) and what it
   * runs, with its arguments; the same for a trigger whose table was renamed. Null when it cannot
   * be read.
   */
  public static String afterTable(String definition) {
    List<SqlToken> tokens = SqlLexer.tokens(definition);
    int on = Tokens.topLevelWord(tokens, "on", 0);
    if (on < 0) {
      return null;
    }
    Names.Read table = Names.read(tokens, on + 1);
    return table.next() < tokens.size()
        ? definition.substring(tokens.get(table.next()).start())
        : null;
  }
}
