package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * TypeORM's {@code migrations}: a row per applied migration class, named as the class is ({@code
 * AddTags1700000000000}); {@code timestamp} is the migration's own, from its name, not the time it
 * ran. TypeORM runs pending migrations in one transaction by default, so there is no dirty state.
 */
final class TypeOrmReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT name, "
            + TableName.quote("timestamp")
            + " FROM "
            + table.table().quoted()
            + " ORDER BY id";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows -> {
              String name = rows.getString("name");
              return new HistoryEntry(
                  name,
                  name.replaceFirst("\\d{13}$", ""),
                  null,
                  true,
                  null,
                  null,
                  "timestamp "
                      + rows.getLong("timestamp")
                      + " (the migration's own, not when it ran)");
            });
    return new MigrationHistory(
        HistoryFormat.TYPEORM, table.table().qualified(), entries, List.of());
  }
}
