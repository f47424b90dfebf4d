package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * drizzle-orm's {@code drizzle.__drizzle_migrations}. drizzle-orm 0.x records only the sha256 of
 * the SQL file and {@code created_at}, which is the migration's own timestamp from {@code
 * meta/_journal.json} ({@code when}), not the time it ran: that number is the entry's id. 1.x adds
 * the migration's {@code name} (then the id) and {@code applied_at}. All pending migrations run in
 * one transaction, so there is no dirty state.
 */
final class DrizzleReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT hash, created_at, "
            + table.columnOr("name")
            + " AS name, "
            + (table.has("applied_at") ? Rows.instant("applied_at") : "NULL AS applied_at")
            + " FROM "
            + table.table().quoted()
            + " ORDER BY id";
    List<HistoryEntry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String createdAt = Rows.text(rows, "created_at");
        String name = rows.getString("name");
        entries.add(
            new HistoryEntry(
                name != null ? name : String.valueOf(createdAt),
                Rows.describe(name),
                rows.getObject("applied_at") == null ? null : Rows.instant(rows, "applied_at"),
                true,
                null,
                rows.getString("hash"),
                "created_at " + createdAt + " (the migration's own timestamp, not when it ran)"));
      }
    }
    return new MigrationHistory(
        HistoryFormat.DRIZZLE, table.table().qualified(), entries, List.of());
  }
}
