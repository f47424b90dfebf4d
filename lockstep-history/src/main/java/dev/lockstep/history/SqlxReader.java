package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * sqlx's {@code _sqlx_migrations}: a row per migration by version, with {@code success = false}
 * while it runs. A migration that failed outside a transaction ({@code -- no-transaction}) or whose
 * run was killed leaves that row, and {@code sqlx migrate run} then refuses to go on ("migration N
 * is partially applied; fix and remove row from `_sqlx_migrations` table").
 */
final class SqlxReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT version, description, "
            + Rows.instant("installed_on")
            + ", success, checksum, execution_time FROM "
            + table.table().quoted()
            + " ORDER BY version";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows -> {
              byte[] checksum = rows.getBytes("checksum");
              return new HistoryEntry(
                  Long.toString(rows.getLong("version")),
                  rows.getString("description"),
                  Rows.instant(rows, "installed_on"),
                  rows.getBoolean("success"),
                  // sqlx records nanoseconds.
                  Duration.ofNanos(rows.getLong("execution_time")),
                  checksum == null ? null : HexFormat.of().formatHex(checksum),
                  null);
            });
    List<DirtyState> dirty =
        entries.stream().filter(e -> !e.success()).map(e -> dirty(e, table.table())).toList();
    return new MigrationHistory(HistoryFormat.SQLX, table.table().qualified(), entries, dirty);
  }

  private static DirtyState dirty(HistoryEntry entry, TableName table) {
    return new DirtyState(
        HistoryFormat.SQLX,
        "sqlx recorded migration "
            + entry.id()
            + " ("
            + entry.description()
            + ") in "
            + table.qualified()
            + " with success = false: it failed part-way or its run was killed, and `sqlx migrate"
            + " run` refuses to go on (\"migration "
            + entry.id()
            + " is partially applied; fix and remove row from `_sqlx_migrations` table\").",
        "Check what migration "
            + entry.id()
            + " applied and undo it by hand, then: DELETE FROM "
            + table.quoted()
            + " WHERE version = "
            + entry.id()
            + "; and run the migrations again.");
  }
}
