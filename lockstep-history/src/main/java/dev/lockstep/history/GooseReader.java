package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * goose's {@code goose_db_version}: a row each time a version was applied ({@code is_applied =
 * true}) and, in older goose, each time it was rolled back ({@code false}); newer goose deletes the
 * row instead. The latest row of a version decides whether it is applied. Version 0 is the row
 * goose writes when it creates the table, not a migration. goose records a migration in the
 * transaction that applies it, so there is no dirty state.
 */
final class GooseReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT version_id, is_applied, "
            + Rows.instant("tstamp")
            + " FROM "
            + table.table().quoted()
            + " WHERE version_id <> 0 ORDER BY id";
    Map<String, HistoryEntry> latest = new LinkedHashMap<>();
    for (HistoryEntry row :
        Rows.entries(
            connection,
            sql,
            rows ->
                new HistoryEntry(
                    Long.toString(rows.getLong("version_id")),
                    null,
                    Rows.instant(rows, "tstamp"),
                    rows.getBoolean("is_applied"),
                    null,
                    null,
                    null))) {
      // Re-inserting moves a version to where it was applied last.
      latest.remove(row.id());
      latest.put(row.id(), row);
    }
    List<HistoryEntry> applied = latest.values().stream().filter(HistoryEntry::success).toList();
    return new MigrationHistory(HistoryFormat.GOOSE, table.table().qualified(), applied, List.of());
  }
}
