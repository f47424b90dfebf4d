package dev.lockstep.postgres.testing;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs SQL in tests without the ceremony. */
public final class Sql {
  private Sql() {}

  public static void execute(DatabaseConfig db, String... statements) {
    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public static long queryLong(DatabaseConfig db, String sql) {
    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
