package dev.lockstep.schema.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration file cut into its statements at the semicolons that end them (not those inside
 * strings, quoted names, dollar-quoted bodies or comments).
 */
public final class SqlScript {
  private SqlScript() {}

  public static List<SqlStatement> statements(String sql) {
    List<SqlToken> tokens = SqlLexer.tokens(sql);
    List<SqlStatement> statements = new ArrayList<>();
    List<SqlToken> current = new ArrayList<>();
    for (SqlToken token : tokens) {
      if (token.isSymbol(";")) {
        add(sql, current, statements);
        current = new ArrayList<>();
      } else {
        current.add(token);
      }
    }
    add(sql, current, statements);
    return statements;
  }

  private static void add(String sql, List<SqlToken> tokens, List<SqlStatement> statements) {
    if (tokens.isEmpty()) {
      return;
    }
    int start = tokens.get(0).start();
    int end = tokens.get(tokens.size() - 1).end();
    statements.add(
        new SqlStatement(
            statements.size() + 1, lineOf(sql, start), sql.substring(start, end), tokens));
  }

  private static int lineOf(String sql, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
