package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Laravel's {@code migrations}: the file name of each applied migration without {@code .php}
 * ({@code 2014_10_12_000000_create_users_table}) and the batch that applied it. No time, and no
 * dirty state: a failed migration is not recorded.
 */
final class LaravelReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    // Laravel's own order (DatabaseMigrationRepository#getRan).
    String sql =
        "SELECT migration, batch FROM " + table.table().quoted() + " ORDER BY batch, migration";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows -> Rows.entry(rows.getString("migration"), null, "batch " + rows.getInt("batch")));
    return new MigrationHistory(
        HistoryFormat.LARAVEL, table.table().qualified(), entries, List.of());
  }
}
