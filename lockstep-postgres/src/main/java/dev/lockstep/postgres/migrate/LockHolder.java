package dev.lockstep.postgres.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Who holds an advisory lock, from pg_locks and pg_stat_activity, in words. */
final class LockHolder {
  // A bigint advisory key is stored split: high 32 bits in classid, low 32 bits in objid.
  private static final String QUERY =
      "SELECT a.pid, a.application_name, a.usename, host(a.client_addr) AS client_addr, a.backend_start,"
          + " a.state, a.state_change"
          + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
          + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND l.classid::bigint = ? AND l.objid::bigint = ?";

  private final Connection connection;
  private final long key;

  LockHolder(Connection connection, long key) {
    this.connection = connection;
    this.key = key;
  }

  /** The holders in words, and their pids for pg_terminate_backend. */
  record Holders(String description, List<Integer> pids) {}

  Holders find() throws SQLException {
    List<String> holders = new ArrayList<>();
    List<Integer> pids = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(QUERY)) {
      query.setLong(1, key >>> 32);
      query.setLong(2, key & 0xFFFFFFFFL);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          pids.add(rows.getInt("pid"));
          holders.add(
              "pid "
                  + rows.getInt("pid")
                  + ", application '"
                  + nullToUnknown(rows.getString("application_name"))
                  + "', user "
                  + nullToUnknown(rows.getString("usename"))
                  + ", client "
                  + (rows.getString("client_addr") == null
                      ? "local socket"
                      : rows.getString("client_addr"))
                  + ", connected since "
                  + rows.getObject("backend_start", java.time.OffsetDateTime.class)
                  + ", "
                  + nullToUnknown(rows.getString("state"))
                  + " since "
                  + rows.getObject("state_change", java.time.OffsetDateTime.class));
        }
      }
    }
    // The holder may have let go between the last attempt and this query.
    return new Holders(
        holders.isEmpty() ? "a session that has just released it" : String.join("; ", holders),
        pids);
  }

  private static String nullToUnknown(String value) {
    return value == null || value.isEmpty() ? "unknown" : value;
  }
}
