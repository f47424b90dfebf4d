package dev.lockstep.schema.sql;

import java.util.List;

/**
 * One statement of a script, as written.
 *
 * @param index its position in the script, from 1
 * @param line the line it starts on, from 1
 * @param text the statement without the semicolon that ends it and without comments before it
 */
public record SqlStatement(int index, int line, String text, List<SqlToken> tokens) {

  public SqlStatement {
    tokens = List.copyOf(tokens);
  }

  /** Whether the statement starts with these keywords, in any case. */
  public boolean startsWith(String... words) {
    if (tokens.size() < words.length) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(i).is(words[i])) {
        return false;
      }
    }
    return true;
  }
}
