package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Ecto's {@code schema_migrations(version bigint, inserted_at)}: a row per applied migration, by
 * its version (the number its file name starts with). {@code inserted_at} is UTC without a zone.
 * Ecto runs each migration in its own transaction and records it there, so there is no dirty state.
 */
final class EctoReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT version, inserted_at AT TIME ZONE 'UTC' AS inserted_at FROM "
            + table.table().quoted()
            + " ORDER BY version";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows ->
                new HistoryEntry(
                    Long.toString(rows.getLong("version")),
                    null,
                    Rows.instant(rows, "inserted_at"),
                    true,
                    null,
                    null,
                    null));
    return new MigrationHistory(HistoryFormat.ECTO, table.table().qualified(), entries, List.of());
  }
}
