package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Who holds a run lock, read from pg_locks and pg_stat_activity. */
final class RunLockHolder {
  // A bigint advisory key is kept split: high 32 bits in classid, low 32 bits in objid.
  private static final String QUERY =
      "SELECT a.pid, a.application_name, a.query, a.backend_start"
          + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
          + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND l.classid::bigint = ? AND l.objid::bigint = ?";

  private RunLockHolder() {}

  /**
   * @param sessionPid the holder's server process, for pg_terminate_backend; null when it let go
   *     before it could be read
   */
  record Found(String description, Integer sessionPid) {}

  static Found find(Connection connection, long key) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(QUERY)) {
      query.setLong(1, key >>> 32);
      query.setLong(2, key & 0xFFFFFFFFL);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return new Found("a run that has just ended", null);
        }
        int pid = rows.getInt("pid");
        return new Found(
            holder(rows.getString("query"), rows.getString("application_name"))
                + " (session pid "
                + pid
                + ", connected since "
                + rows.getObject("backend_start", OffsetDateTime.class)
                + ")",
            pid);
      }
    }
  }

  /**
   * The full description from the session's last statement; its application_name when the statement
   * cannot be read (another role's session, without pg_read_all_stats).
   */
  private static String holder(String lastQuery, String applicationName) {
    if (lastQuery != null && lastQuery.startsWith(RunLock.HOLDER_TAG)) {
      int end = lastQuery.indexOf(" */", RunLock.HOLDER_TAG.length());
      if (end > 0) {
        return lastQuery.substring(RunLock.HOLDER_TAG.length(), end);
      }
    }
    return applicationName == null || applicationName.isBlank()
        ? "a session that does not say who it is"
        : "'" + applicationName + "'";
  }
}
