package dev.lockstep.postgres.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions a migration's lock waits behind: other sessions of the database in an open
 * transaction that hold table locks (a long report, an idle-in-transaction client, a dump).
 */
final class LockBlockers {
  private static final String QUERY =
      "SELECT a.pid, a.application_name, a.usename, a.state, a.xact_start, left(a.query, 120)"
          + " AS query FROM pg_stat_activity a"
          + " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()"
          + " AND a.xact_start IS NOT NULL AND EXISTS (SELECT 1 FROM pg_locks l"
          + " WHERE l.pid = a.pid AND l.granted AND l.locktype = 'relation')"
          + " ORDER BY a.xact_start";

  private final Connection connection;

  LockBlockers(Connection connection) {
    this.connection = connection;
  }

  /** The blockers in words, and their pids for {@code pg_terminate_backend}. */
  record Blockers(String description, List<Integer> pids) {}

  Blockers find() throws SQLException {
    List<String> sessions = new ArrayList<>();
    List<Integer> pids = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(QUERY);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        pids.add(rows.getInt("pid"));
        sessions.add(
            "pid "
                + rows.getInt("pid")
                + " ("
                + orUnknown(rows.getString("application_name"))
                + ", user "
                + orUnknown(rows.getString("usename"))
                + ", "
                + orUnknown(rows.getString("state"))
                + ", in a transaction since "
                + rows.getObject("xact_start", OffsetDateTime.class)
                + ", last query: "
                + orUnknown(rows.getString("query")).replaceAll("\\s+", " ")
                + ")");
      }
    }
    return new Blockers(
        sessions.isEmpty() ? "a session that has let go since" : String.join("; ", sessions), pids);
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? "unknown" : value;
  }
}
