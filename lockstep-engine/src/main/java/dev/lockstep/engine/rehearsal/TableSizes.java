package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The largest user tables of a database: what a migration's time depends on. */
final class TableSizes {
  private static final String QUERY =
      "SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 2 DESC LIMIT 10";

  private TableSizes() {}

  static List<RehearsalReport.TableSize> largest(DatabaseConfig database) {
    List<RehearsalReport.TableSize> sizes = new ArrayList<>();
    try (Connection connection = new Database(database).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        sizes.add(
            new RehearsalReport.TableSize(
                rows.getString(1), rows.getLong(2), Math.max(rows.getLong(3), 0)));
      }
      return sizes;
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the table sizes of " + database + ": " + e.getMessage(),
          e);
    }
  }
}
