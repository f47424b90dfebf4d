package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rails' {@code schema_migrations}: one row per applied version and nothing else, so no time, no
 * description and no dirty state (Rails applies each migration and records it in one transaction on
 * PostgreSQL). dbmate creates the same table and reads the same way.
 */
final class RailsReader implements FormatReader {
  private final HistoryFormat format;

  RailsReader(HistoryFormat format) {
    this.format = format;
  }

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (PreparedStatement query =
            connection.prepareStatement("SELECT version FROM " + table.table().quoted());
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    // Rails applies pending migrations in version order; the table keeps no other order.
    versions.sort(MigrationIds.ORDER);
    List<HistoryEntry> entries = new ArrayList<>();
    for (String version : versions) {
      entries.add(new HistoryEntry(version, null, null, true, null, null, null));
    }
    return new MigrationHistory(format, table.table().qualified(), entries, List.of());
  }
}
