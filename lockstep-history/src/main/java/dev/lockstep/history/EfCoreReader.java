package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * EF Core's {@code __EFMigrationsHistory}: the id of each applied migration ({@code
 * 20230101000000_InitialCreate}) and the EF Core version that applied it. EF Core orders migrations
 * by id; no time, no dirty state.
 */
final class EfCoreReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT \"MigrationId\", \"ProductVersion\" FROM "
            + table.table().quoted()
            + " ORDER BY \"MigrationId\"";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows ->
                Rows.entry(
                    rows.getString("MigrationId"),
                    null,
                    "EF Core " + rows.getString("ProductVersion")));
    return new MigrationHistory(
        HistoryFormat.EF_CORE, table.table().qualified(), entries, List.of());
  }
}
