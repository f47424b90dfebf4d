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
      if (separated(previous, token)) {
        text.append(' ');
      }
      text.append(spelling(token));
      previous = token;
    }
    return text.toString();
  }

  /**
   * The index of the token that starts at this line and column (both from 1) of {@link
   * #render(List)}'s text, or -1.
   */
  static int at(List<SqlToken> tokens, int line, int column) {
    int currentLine = 1;
    int lineStart = 0;
    int offset = 0;
    SqlToken previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (separated(previous, token)) {
        offset++;
      }
      if (currentLine == line && offset - lineStart + 1 == column) {
        return i;
      }
      String spelling = spelling(token);
      for (int k = 0; k < spelling.length(); k++) {
        if (spelling.charAt(k) == '\n') {
          currentLine++;
          lineStart = offset + k + 1;
        }
      }
      offset += spelling.length();
      previous = token;
    }
    return -1;
  }

  private static boolean separated(SqlToken previous, SqlToken token) {
    return previous != null
        && (token.start() < 0 || previous.end() < 0 || token.start() > previous.end());
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

  /** A quoted name: {@code "key"} for the value {@code key}. */
  static SqlToken quoted(String name) {
    return SqlToken.synthetic(
        Kind.QUOTED_IDENTIFIER, "\"" + name.replace("\"", "\"\"") + "\"", name);
  }

  static SqlToken symbol(String text) {
    return SqlToken.synthetic(Kind.SYMBOL, text, text);
  }
}
