package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Atlas's {@code atlas_schema_revisions.atlas_schema_revisions}: a row per migration file by
 * version, with how many of its statements ran ({@code applied} of {@code total}) and the error
 * that stopped it. A revision with an error, or with fewer statements applied than it has, is
 * partially applied, and Atlas will not go past it until the file or the database is fixed.
 */
final class AtlasReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT version, description, type, applied, total, "
            + Rows.instant("executed_at")
            + ", execution_time, error, "
            + table.columnOr("error_stmt")
            + " AS error_stmt, hash FROM "
            + table.table().quoted()
            + " ORDER BY version";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows -> {
              long applied = rows.getLong("applied");
              long total = rows.getLong("total");
              String error = rows.getString("error");
              String errorStmt = rows.getString("error_stmt");
              return new HistoryEntry(
                  rows.getString("version"),
                  rows.getString("description"),
                  Rows.instant(rows, "executed_at"),
                  error == null && applied >= total,
                  // Atlas records a Go time.Duration: nanoseconds.
                  Duration.ofNanos(rows.getLong("execution_time")),
                  rows.getString("hash"),
                  "type "
                      + rows.getLong("type")
                      + ", "
                      + applied
                      + " of "
                      + total
                      + " statements applied"
                      + (error == null ? "" : ", error: " + error)
                      + (errorStmt == null ? "" : ", statement: " + errorStmt));
            });
    List<DirtyState> dirty =
        entries.stream().filter(e -> !e.success()).map(e -> dirty(e, table.table())).toList();
    return new MigrationHistory(HistoryFormat.ATLAS, table.table().qualified(), entries, dirty);
  }

  private static DirtyState dirty(HistoryEntry entry, TableName table) {
    return new DirtyState(
        HistoryFormat.ATLAS,
        "Atlas recorded revision "
            + entry.id()
            + " in "
            + table.qualified()
            + " as partially applied ("
            + entry.detail()
            + "): `atlas migrate apply` will not go past it until it is resolved.",
        "Fix the failed statement in the migration file (and `atlas migrate hash`) or in the"
            + " database, then run `atlas migrate apply`, which resumes at the first statement not"
            + " applied; if you completed or undid the migration by hand, run `atlas migrate set`"
            + " with the version the database is at now.");
  }
}
