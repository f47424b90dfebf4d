package dev.lockstep.schema.sql;

import dev.lockstep.schema.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits PostgreSQL SQL into tokens, with Postgres's own rules for what ends a statement: quoted
 * names, standard and {@code E''} strings, dollar-quoted bodies ({@code $fn$ … $fn$}), and nested
 * comments. Comments are dropped. JSqlParser's own lexer does not know dollar quotes or {@code E''}
 * escapes, which is why Lockstep splits scripts itself before JSqlParser parses each statement.
 */
final class SqlLexer {
  private static final String OPERATOR_CHARACTERS = "+-*/<>=~!@#%^&|`?";

  private final String sql;
  private int position;

  private SqlLexer(String sql) {
    this.sql = sql;
  }

  static List<SqlToken> tokens(String sql) {
    return new SqlLexer(sql).all();
  }

  private List<SqlToken> all() {
    List<SqlToken> tokens = new ArrayList<>();
    while (skipSpaceAndComments()) {
      tokens.add(next());
    }
    return tokens;
  }

  /** Moves past blanks and comments; false at the end of the script. */
  private boolean skipSpaceAndComments() {
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (Character.isWhitespace(c)) {
        position++;
      } else if (sql.startsWith("--", position)) {
        int newline = sql.indexOf('\n', position);
        position = newline < 0 ? sql.length() : newline + 1;
      } else if (sql.startsWith("/*", position)) {
        skipBlockComment();
      } else {
        return true;
      }
    }
    return false;
  }

  private void skipBlockComment() {
    int depth = 0;
    do {
      if (sql.startsWith("/*", position)) {
        depth++;
        position += 2;
      } else if (sql.startsWith("*/", position)) {
        depth--;
        position += 2;
      } else {
        position++;
      }
    } while (depth > 0 && position < sql.length());
  }

  private SqlToken next() {
    int start = position;
    char c = sql.charAt(position);
    if ((c == 'E' || c == 'e') && at(position + 1, '\'')) {
      position++;
      return string(start, true);
    }
    if (c == '\'') {
      return string(start, false);
    }
    if (c == '"') {
      return quotedIdentifier(start);
    }
    if (c == '$') {
      return dollar(start);
    }
    if (Character.isDigit(c)
        || (c == '.'
            && position + 1 < sql.length()
            && Character.isDigit(sql.charAt(position + 1)))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (position < sql.length() && isWordPart(sql.charAt(position))) {
        position++;
      }
      String word = sql.substring(start, position);
      return new SqlToken(Kind.WORD, word, word.toLowerCase(Locale.ROOT), start, position);
    }
    return symbol(start);
  }

  private SqlToken string(int start, boolean escapes) {
    StringBuilder value = new StringBuilder();
    position++;
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (c == '\\' && escapes && position + 1 < sql.length()) {
        value.append(escaped(sql.charAt(position + 1)));
        position += 2;
      } else if (c == '\'' && at(position + 1, '\'')) {
        value.append('\'');
        position += 2;
      } else if (c == '\'') {
        position++;
        break;
      } else {
        value.append(c);
        position++;
      }
    }
    return new SqlToken(
        Kind.STRING, sql.substring(start, position), value.toString(), start, position);
  }

  /**
   * The character a backslash escape in an {@code E''} string stands for (octal and unicode kept as
   * written).
   */
  private static char escaped(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'b' -> '\b';
      case 'f' -> '\f';
      default -> c;
    };
  }

  private SqlToken quotedIdentifier(int start) {
    StringBuilder value = new StringBuilder();
    position++;
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (c == '"' && at(position + 1, '"')) {
        value.append('"');
        position += 2;
      } else if (c == '"') {
        position++;
        break;
      } else {
        value.append(c);
        position++;
      }
    }
    return new SqlToken(
        Kind.QUOTED_IDENTIFIER, sql.substring(start, position), value.toString(), start, position);
  }

  /** {@code $tag$ … $tag$}, or a positional parameter such as {@code $1}. */
  private SqlToken dollar(int start) {
    int tagEnd = start + 1;
    while (tagEnd < sql.length() && isWordPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
      tagEnd++;
    }
    boolean tagged =
        at(tagEnd, '$') && (tagEnd == start + 1 || !Character.isDigit(sql.charAt(start + 1)));
    if (!tagged) {
      position = tagEnd;
      return new SqlToken(
          Kind.PARAMETER,
          sql.substring(start, position),
          sql.substring(start, position),
          start,
          position);
    }
    String tag = sql.substring(start, tagEnd + 1);
    int close = sql.indexOf(tag, tagEnd + 1);
    int bodyEnd = close < 0 ? sql.length() : close;
    position = close < 0 ? sql.length() : close + tag.length();
    return new SqlToken(
        Kind.STRING,
        sql.substring(start, position),
        sql.substring(tagEnd + 1, bodyEnd),
        start,
        position);
  }

  private SqlToken number(int start) {
    while (position < sql.length()) {
      char c = sql.charAt(position);
      boolean exponentSign =
          (c == '+' || c == '-')
              && (sql.charAt(position - 1) == 'e' || sql.charAt(position - 1) == 'E');
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign)) {
        break;
      }
      position++;
    }
    String text = sql.substring(start, position);
    return new SqlToken(Kind.NUMBER, text, text, start, position);
  }

  private SqlToken symbol(int start) {
    char c = sql.charAt(position);
    if (c == ':' && at(position + 1, ':')) {
      position += 2;
    } else if (OPERATOR_CHARACTERS.indexOf(c) >= 0) {
      while (position < sql.length()
          && OPERATOR_CHARACTERS.indexOf(sql.charAt(position)) >= 0
          && !sql.startsWith("--", position)
          && !sql.startsWith("/*", position)) {
        position++;
      }
    } else {
      position++;
    }
    String text = sql.substring(start, position);
    return new SqlToken(Kind.SYMBOL, text, text, start, position);
  }

  private boolean at(int index, char expected) {
    return index < sql.length() && sql.charAt(index) == expected;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
