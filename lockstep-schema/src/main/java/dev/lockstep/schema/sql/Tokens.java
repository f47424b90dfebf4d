package dev.lockstep.schema.sql;

import dev.lockstep.schema.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Small operations on token lists that the shim needs. */
final class Tokens {
  private Tokens() {}

  /**
   * Text for JSqlParser: the tokens with a space wherever the script had space, a comment or a
   * token the shim took out; strings in the standard {@code 'x'} spelling JSqlParser reads.
   */
  static String render(List<SqlToken> tokens) {
    StringBuilder text = new StringBuilder();
    SqlToken previous = null;
    for (SqlToken token : tokens) {
      if (previous != null
          && (token.start() < 0 || previous.end() < 0 || token.start() > previous.end())) {
        text.append(' ');
      }
      text.append(spelling(token));
      previous = token;
    }
    return text.toString();
  }

  private static String spelling(SqlToken token) {
    boolean plain = token.text().startsWith("'");
    if (token.kind() == Kind.STRING && !plain) {
      return "'" + token.value().replace("'", "''") + "'";
    }
    return token.text();
  }

  /** Splits at the commas that are not inside parentheses or brackets. */
  static List<List<SqlToken>> splitTopLevel(List<SqlToken> tokens) {
    List<List<SqlToken>> parts = new ArrayList<>();
    List<SqlToken> current = new ArrayList<>();
    int depth = 0;
    for (SqlToken token : tokens) {
      depth += opens(token) ? 1 : closes(token) ? -1 : 0;
      if (depth == 0 && token.isSymbol(",")) {
        parts.add(current);
        current = new ArrayList<>();
      } else {
        current.add(token);
      }
    }
    parts.add(current);
    return parts;
  }

  /** The index of the keyword at nesting depth 0 from {@code from}, or -1. */
  static int topLevelWord(List<SqlToken> tokens, String word, int from) {
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (i >= from && depth == 0 && token.is(word)) {
        return i;
      }
      depth += opens(token) ? 1 : closes(token) ? -1 : 0;
    }
    return -1;
  }

  /** The index of the parenthesis that closes the one at {@code open}, or the last index. */
  static int closing(List<SqlToken> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      depth += opens(tokens.get(i)) ? 1 : closes(tokens.get(i)) ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  static boolean opens(SqlToken token) {
    return token.isSymbol("(") || token.isSymbol("[");
  }

  static boolean closes(SqlToken token) {
    return token.isSymbol(")") || token.isSymbol("]");
  }

  static boolean wordsAt(List<SqlToken> tokens, int at, String... words) {
    if (at < 0 || at + words.length > tokens.size()) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(at + i).is(words[i])) {
        return false;
      }
    }
    return true;
  }

  static SqlToken word(String text) {
    return SqlToken.synthetic(Kind.WORD, text, text.toLowerCase(java.util.Locale.ROOT));
  }

  static SqlToken symbol(String text) {
    return SqlToken.synthetic(Kind.SYMBOL, text, text);
  }
}
