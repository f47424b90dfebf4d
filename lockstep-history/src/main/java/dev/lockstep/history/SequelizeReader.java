package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Sequelize's {@code SequelizeMeta} (umzug's {@code SequelizeStorage}): the file name of each
 * applied migration and nothing else. sequelize-cli applies them in file-name order, which is the
 * only order the table can give.
 */
final class SequelizeReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql = "SELECT name FROM " + table.table().quoted() + " ORDER BY name";
    List<HistoryEntry> entries =
        Rows.entries(connection, sql, rows -> Rows.entry(rows.getString("name"), null, null));
    return new MigrationHistory(
        HistoryFormat.SEQUELIZE, table.table().qualified(), entries, List.of());
  }
}
