package dev.lockstep.schema.sql;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the body of a PL/pgSQL or SQL function says, read token by token (so that words in strings
 * and comments do not count): whether it raises errors on purpose, and which functions it calls.
 */
public final class RoutineBodies {
  // RAISE at these levels reports a message; at EXCEPTION, the default, it aborts the statement.
  private static final Set<String> MESSAGE_LEVELS =
      Set.of("debug", "log", "info", "notice", "warning");

  private RoutineBodies() {}

  /**
   * Whether the body raises an error itself: a {@code RAISE} at {@code EXCEPTION} level (also
   * {@code RAISE 'text'}, {@code RAISE SQLSTATE …}, {@code RAISE;}) or an {@code ASSERT}.
   */
  public static boolean raisesErrors(String body) {
    List<SqlToken> tokens = SqlLexer.tokens(body);
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.is("assert")) {
        return true;
      }
      if (token.is("raise")) {
        boolean message =
            i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == SqlToken.Kind.WORD
                && MESSAGE_LEVELS.contains(tokens.get(i + 1).value());
        if (!message) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The names (without schema, as PostgreSQL folds them) of what the body calls: every name
   * followed by an opening parenthesis. Keywords such as {@code IN (} come along; a caller matches
   * the names against the functions it knows.
   */
  public static Set<String> calledNames(String body) {
    List<SqlToken> tokens = SqlLexer.tokens(body);
    Set<String> names = new TreeSet<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).isName() && tokens.get(i + 1).isSymbol("(")) {
        names.add(tokens.get(i).value());
      }
    }
    return names;
  }
}
