package dev.lockstep.schema.sql;

import dev.lockstep.schema.sql.Command.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name action, action …} cut into one {@code ALTER TABLE name
 * action} per action, each adapted to JSqlParser 5.3, so that one action it cannot parse does not
 * hide the others, and a clause such as {@code NOT VALID} belongs to the action that has it.
 */
final class AlterTableShim {
  private AlterTableShim() {}

  static List<Piece> actions(List<SqlToken> tokens) {
    int i = 2;
    if (Tokens.wordsAt(tokens, i, "if", "exists")) {
      i += 2;
    }
    if (i < tokens.size() && tokens.get(i).is("only")) {
      tokens.remove(i);
    }
    Names.Read table = Names.read(tokens, i);
    List<SqlToken> header = new ArrayList<>(tokens.subList(0, table.next()));
    List<Piece> pieces = new ArrayList<>();
    for (List<SqlToken> action :
        Tokens.splitTopLevel(tokens.subList(table.next(), tokens.size()))) {
      pieces.add(action(header, new ArrayList<>(action), table.name()));
    }
    return pieces;
  }

  private static Piece action(List<SqlToken> header, List<SqlToken> action, String table) {
    Set<Clause> clauses = EnumSet.noneOf(Clause.class);
    String usingIndex = usingIndex(action);
    if (usingIndex != null) {
      return new Piece(
          join(header, action),
          Set.of(),
          new Command(Kind.ADD_CONSTRAINT_USING_INDEX, table, usingIndex));
    }
    if (!action.isEmpty() && action.get(0).is("add")) {
      constraintOptions(action, clauses);
      if (action.size() > 1 && action.get(1).is("check")) {
        // JSqlParser only reads named checks; Postgres names it itself.
        action.add(1, Tokens.word("CONSTRAINT"));
        action.add(2, Tokens.word("lockstep_unnamed_check"));
      }
    }
    int setData = indexOfWords(action, "set", "data", "type");
    if (setData >= 0) {
      action.subList(setData, setData + 2).clear();
    }
    int type = Tokens.topLevelWord(action, "type", 0);
    int using = type < 0 ? -1 : Tokens.topLevelWord(action, "using", type);
    if (action.get(0).is("alter") && using > 0) {
      action.subList(using, action.size()).clear();
      clauses.add(Clause.USING_EXPRESSION);
    }
    return Piece.of(Defaults.parenthesize(join(header, action)), clauses);
  }

  /**
   * Takes out {@code NOT VALID}, {@code [NOT] DEFERRABLE}, {@code INITIALLY …}, {@code MATCH …}.
   */
  private static void constraintOptions(List<SqlToken> action, Set<Clause> clauses) {
    for (int k = action.size() - 1; k >= 1; k--) {
      if (Tokens.wordsAt(action, k - 1, "not", "valid")) {
        action.subList(k - 1, k + 1).clear();
        clauses.add(Clause.NOT_VALID);
        k--;
      } else if (Tokens.wordsAt(action, k - 1, "not", "deferrable")) {
        action.subList(k - 1, k + 1).clear();
        clauses.add(Clause.IGNORED);
        k--;
      } else if (action.get(k).is("deferrable")) {
        action.remove(k);
        clauses.add(Clause.IGNORED);
      } else if (action.get(k - 1).is("initially") || action.get(k - 1).is("match")) {
        action.subList(k - 1, k + 1).clear();
        clauses.add(Clause.IGNORED);
        k--;
      }
    }
  }

  /** The index of {@code ADD [CONSTRAINT n] UNIQUE | PRIMARY KEY USING INDEX index}, or null. */
  private static String usingIndex(List<SqlToken> action) {
    int using = indexOfWords(action, "using", "index");
    boolean addsKey =
        !action.isEmpty()
            && action.get(0).is("add")
            && using > 0
            && (action.get(using - 1).is("unique") || action.get(using - 1).is("key"));
    if (!addsKey || using + 2 >= action.size()) {
      return null;
    }
    return Names.read(action, using + 2).name();
  }

  private static int indexOfWords(List<SqlToken> tokens, String... words) {
    for (int i = 0; i < tokens.size(); i++) {
      if (Tokens.wordsAt(tokens, i, words)) {
        return i;
      }
    }
    return -1;
  }

  private static List<SqlToken> join(List<SqlToken> header, List<SqlToken> action) {
    List<SqlToken> joined = new ArrayList<>(header);
    joined.addAll(action);
    return joined;
  }
}
