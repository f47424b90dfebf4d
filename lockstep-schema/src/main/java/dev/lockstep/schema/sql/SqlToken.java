package dev.lockstep.schema.sql;

/**
 * One lexical token of PostgreSQL SQL.
 *
 * @param text the token as written (a string keeps its quotes)
 * @param value a word lower-cased (Postgres folds unquoted names), a quoted identifier or string
 *     without its quotes and escapes, anything else as written
 * @param start offset of its first character in the script, or -1 for a token the shim made up
 * @param end offset just after its last character, or -1
 */
public record SqlToken(Kind kind, String text, String value, int start, int end) {

  public enum Kind {
    /** A keyword or unquoted name. */
    WORD,
    QUOTED_IDENTIFIER,
    /** {@code 'x'}, {@code E'x'} or a dollar-quoted {@code $$x$$}. */
    STRING,
    NUMBER,
    /** {@code $1}. */
    PARAMETER,
    /** Punctuation and operators: {@code ( ) , ; . [ ] :: = <>} … */
    SYMBOL
  }

  /** A token that is not in the script, such as a standard spelling of a dollar-quoted string. */
  static SqlToken synthetic(Kind kind, String text, String value) {
    return new SqlToken(kind, text, value, -1, -1);
  }

  /** Whether this is the keyword {@code word}, in any case. */
  public boolean is(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** A name as Postgres resolves it: unquoted folded to lower case, quoted as written. */
  public boolean isName() {
    return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
  }
}
