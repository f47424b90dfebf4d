package dev.lockstep.history;

import dev.lockstep.core.yaml.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquibase's {@code databasechangelog}, and its {@code databasechangeloglock}: a lock left held by
 * a run that was killed is the one state that blocks every later Liquibase run.
 *
 * <p>An entry's id is Liquibase's own name for a changeset, {@code file::id::author}: the three
 * together identify it. Liquibase never records failed changesets, so every entry succeeded.
 */
final class LiquibaseReader implements FormatReader {
  static final String SEPARATOR = "::";

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT id, author, filename, "
            + Rows.instant("dateexecuted")
            + ", exectype, md5sum, description, "
            + table.columnOr("tag")
            + " AS tag, "
            + table.columnOr("deployment_id")
            + " AS deployment_id FROM "
            + table.table().quoted()
            // Liquibase's own order (StandardChangeLogHistoryService).
            + " ORDER BY dateexecuted, orderexecuted";
    List<HistoryEntry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String exectype = rows.getString("exectype");
        entries.add(
            new HistoryEntry(
                rows.getString("filename")
                    + SEPARATOR
                    + rows.getString("id")
                    + SEPARATOR
                    + rows.getString("author"),
                rows.getString("description"),
                Rows.instant(rows, "dateexecuted"),
                !"FAILED".equals(exectype),
                null,
                rows.getString("md5sum"),
                detail(exectype, rows.getString("tag"), rows.getString("deployment_id"))));
      }
    }
    return new MigrationHistory(
        HistoryFormat.LIQUIBASE, table.table().qualified(), entries, locks(connection, table));
  }

  private static String detail(String exectype, String tag, String deployment) {
    StringBuilder detail = new StringBuilder(exectype);
    if (tag != null) {
      detail.append(", tag ").append(tag);
    }
    if (deployment != null) {
      detail.append(", deployment ").append(deployment);
    }
    return detail.toString();
  }

  /**
   * Held locks in the lock table beside the changelog: {@code <changelog>lock}, which is {@code
   * databasechangeloglock} for the default names.
   */
  private static List<DirtyState> locks(Connection connection, TableLayout changelog)
      throws SQLException {
    TableName lockTable = changelog.table().withName(changelog.table().name() + "lock");
    if (!exists(connection, lockTable)) {
      return List.of();
    }
    String sql =
        "SELECT id, lockedby, "
            + Rows.instant("lockgranted")
            + ", extract(epoch FROM now() - lockgranted::timestamptz)::bigint AS held_seconds"
            + " FROM "
            + lockTable.quoted()
            + " WHERE locked ORDER BY id";
    List<DirtyState> dirty = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        long held = rows.getLong("held_seconds");
        Duration heldFor = rows.wasNull() ? null : Duration.ofSeconds(held);
        dirty.add(
            held(
                lockTable,
                rows.getInt("id"),
                rows.getString("lockedby"),
                Rows.instant(rows, "lockgranted"),
                heldFor));
      }
    }
    return dirty;
  }

  private static DirtyState held(
      TableName lockTable, int id, String lockedBy, Instant since, Duration heldFor) {
    String what =
        "Liquibase's lock in "
            + lockTable.qualified()
            + " is held by "
            + (lockedBy == null ? "an unknown host" : "'" + lockedBy + "'")
            + (since == null ? "" : " since " + since)
            + (heldFor == null ? "" : " (" + Durations.format(heldFor) + ")")
            + ". While it is held every Liquibase update waits for it (5 minutes by default) and"
            + " then fails with \"Could not acquire change log lock\"; a run that was killed leaves"
            + " it held.";
    String wayOut =
        "Make sure no Liquibase is running against this database, then run `liquibase"
            + " release-locks` with the same configuration, or: UPDATE "
            + lockTable.quoted()
            + " SET locked = FALSE, lockgranted = NULL, lockedby = NULL WHERE id = "
            + id
            + ";";
    return new DirtyState(HistoryFormat.LIQUIBASE, what, wayOut);
  }

  private static boolean exists(Connection connection, TableName table) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
      query.setString(1, table.quoted());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() && rows.getString(1) != null;
      }
    }
  }
}
