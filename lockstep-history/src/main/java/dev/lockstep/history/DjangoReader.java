package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Django's {@code django_migrations}: a row per applied migration, removed when it is unapplied.
 * Django records a migration in the transaction that applies it, so there is no dirty state.
 */
final class DjangoReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT app, name, "
            + Rows.instant("applied")
            + " FROM "
            + table.table().quoted()
            + " ORDER BY id";
    List<HistoryEntry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String app = rows.getString("app");
        String name = rows.getString("name");
        entries.add(
            new HistoryEntry(
                app + "." + name,
                Rows.describe(name),
                Rows.instant(rows, "applied"),
                true,
                null,
                null,
                "app " + app));
      }
    }
    return new MigrationHistory(
        HistoryFormat.DJANGO, table.table().qualified(), entries, List.of());
  }
}
