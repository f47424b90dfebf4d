package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Diesel's {@code __diesel_schema_migrations}: the version of each applied migration (the digits of
 * its folder name's leading timestamp, {@code 20240101120000} for {@code
 * 2024-01-01-120000_create_users}) and when it ran. Diesel applies and records each migration in
 * one transaction, so there is no dirty state.
 */
final class DieselReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT version, "
            + Rows.instant("run_on")
            + " FROM "
            + table.table().quoted()
            + " ORDER BY version";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows ->
                new HistoryEntry(
                    rows.getString("version"),
                    null,
                    Rows.instant(rows, "run_on"),
                    true,
                    null,
                    null,
                    null));
    entries.sort((a, b) -> MigrationIds.ORDER.compare(a.id(), b.id()));
    return new MigrationHistory(
        HistoryFormat.DIESEL, table.table().qualified(), entries, List.of());
  }
}
