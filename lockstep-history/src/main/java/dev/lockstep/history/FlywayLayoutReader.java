package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway's {@code flyway_schema_history}, and Lockstep's own table, which has the same layout
 * because Lockstep applies migrations with Flyway.
 *
 * <p>Each entry's detail starts with Flyway's row type ({@code SQL}, {@code BASELINE}, {@code
 * DELETE}, ...), which {@link PendingCalculator} needs; the rest is the script and the user.
 */
final class FlywayLayoutReader implements FormatReader {
  private final HistoryFormat format;

  FlywayLayoutReader(HistoryFormat format) {
    this.format = format;
  }

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT installed_rank, version, description, type, script, checksum, installed_by, "
            + Rows.instant("installed_on")
            + ", execution_time, success FROM "
            + table.table().quoted()
            + " ORDER BY installed_rank";
    List<HistoryEntry> entries = new ArrayList<>();
    List<DirtyState> dirty = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String type = rows.getString("type");
        // Flyway's marker for a schema it created: not a migration.
        if ("SCHEMA".equals(type)) {
          continue;
        }
        String version = rows.getString("version");
        String script = rows.getString("script");
        HistoryEntry entry =
            new HistoryEntry(
                version != null ? version : script,
                rows.getString("description"),
                Rows.instant(rows, "installed_on"),
                rows.getBoolean("success"),
                Duration.ofMillis(rows.getLong("execution_time")),
                Rows.text(rows, "checksum"),
                type + " " + script + ", installed by " + rows.getString("installed_by"));
        entries.add(entry);
        if (!entry.success()) {
          dirty.add(failed(entry, script, rows.getInt("installed_rank"), table.table()));
        }
      }
    }
    return new MigrationHistory(format, table.table().qualified(), entries, dirty);
  }

  /** Flyway's row type, from an entry this reader made: {@code SQL}, {@code BASELINE}, ... */
  static String type(HistoryEntry entry) {
    String detail = entry.detail();
    if (detail == null || detail.isBlank()) {
      return "SQL";
    }
    int space = detail.indexOf(' ');
    return space < 0 ? detail : detail.substring(0, space);
  }

  private DirtyState failed(HistoryEntry entry, String script, int rank, TableName table) {
    String who =
        format == HistoryFormat.LOCKSTEP ? "Lockstep's migration runner (Flyway)" : "Flyway";
    String what =
        who
            + " recorded migration "
            + entry.id()
            + " ("
            + entry.description()
            + ") as failed in "
            + table.qualified()
            + " at "
            + entry.appliedAt()
            + ". On PostgreSQL such a row remains only for a migration that ran outside a"
            + " transaction (a statement such as CREATE INDEX CONCURRENTLY, or"
            + " executeInTransaction=false) under a non-transactional advisory lock"
            + " (flyway.postgresql.transactional.lock=false, or Flyway before 9.1.2): what it did"
            + " before the failure stayed applied, and Flyway refuses to migrate until the row is"
            + " gone.";
    String delete =
        "DELETE FROM "
            + table.quoted()
            + " WHERE installed_rank = "
            + rank
            + " AND success = false;";
    String fixByHand =
        "Compare the schema with " + script + " and finish or undo by hand what it applied. Then ";
    String wayOut =
        format == HistoryFormat.LOCKSTEP
            ? fixByHand + "delete the failed row: " + delete + " and run the upgrade again."
            : fixByHand
                + "run `flyway repair` with the same configuration (it deletes failed rows), or"
                + " delete the row yourself: "
                + delete
                + " Then migrate again.";
    return new DirtyState(format, what, wayOut);
  }
}
