package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.yaml.Durations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Lockstep run at a time per product database, whatever state folder each one uses: a
 * PostgreSQL session advisory lock held on a connection of its own for the whole run. Without it,
 * two runs from two state folders on one database each start services, and one's checks can pass
 * against the other's processes.
 *
 * <p>The lock is taken in the server's maintenance database ({@code database.maintenanceDatabase}),
 * keyed by the product database's name: a restore renames and drops the product database, which
 * must not wait for, nor end, the session that holds the lock. The session names its holder
 * (Lockstep, host, pid, state folder) in its {@code application_name} and in the text of its last
 * statement, where a second Lockstep reads it from {@code pg_stat_activity}.
 */
public final class RunLock implements AutoCloseable {
  /** How long a second Lockstep waits by default: long enough for a run that is just ending. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Logger LOG = Logger.getLogger(RunLock.class.getName());

  /** Begins the statement that carries the holder's description in pg_stat_activity.query. */
  static final String HOLDER_TAG = "/* lockstep run lock held by: ";

  /** PostgreSQL keeps at most 63 bytes of an application_name. */
  private static final int APPLICATION_NAME_BYTES = 63;

  private final Connection connection;
  private final DatabaseConfig database;
  private final String holder;
  private final long key;
  private boolean closed;

  private RunLock(Connection connection, DatabaseConfig database, String holder, long key) {
    this.connection = connection;
    this.database = database;
    this.holder = holder;
    this.key = key;
  }

  /**
   * Takes the run lock of {@code database}'s product database, waiting up to {@code wait} for
   * another Lockstep that holds it.
   *
   * @param holder who takes it, in words; see {@link #describeHolder(Path)}
   * @throws LockstepException {@link ErrorCode#RUN_IN_PROGRESS} naming the holder when the wait ran
   *     out; {@link ErrorCode#DATABASE_UNREACHABLE} when the server cannot be reached
   */
  public static RunLock acquire(DatabaseConfig database, String holder, Duration wait) {
    long key = key(database.name());
    Connection connection = new Database(database).connectMaintenance();
    try {
      nameSession(connection, holder);
      long deadline = System.nanoTime() + wait.toNanos();
      while (!tryLock(connection, key)) {
        if (System.nanoTime() - deadline >= 0) {
          throw held(connection, database, key, wait);
        }
        Thread.sleep(POLL.toMillis());
      }
      announce(connection, holder);
      return new RunLock(connection, database, holder, key);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not take the run lock of database '"
              + database.name()
              + "' in database '"
              + database.maintenanceDatabase()
              + "' on "
              + database.host()
              + ":"
              + database.port()
              + ": "
              + e.getMessage()
              + ". Check that user '"
              + database.user()
              + "' may connect to database.maintenanceDatabase.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(connection);
      throw new LockstepException(
          ErrorCode.RUN_IN_PROGRESS, "interrupted while waiting for the run lock", e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** "Lockstep on host db1, pid 4242, state folder /srv/app/.lockstep". */
  public static String describeHolder(Path stateDir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "an unnamed host";
    }
    return "Lockstep on host "
        + host
        + ", pid "
        + ProcessHandle.current().pid()
        + ", state folder "
        + stateDir.toAbsolutePath().normalize();
  }

  public String holder() {
    return holder;
  }

  /** Whether this session still holds the lock (a server restart, say, ends it silently). */
  public boolean isHeld() {
    // Tagged like every statement of this session: its text is what a second Lockstep reads.
    try (PreparedStatement query =
        connection.prepareStatement(
            tag(holder)
                + "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid()"
                + " AND locktype = 'advisory' AND granted AND objsubid = 1"
                + " AND classid::bigint = ? AND objid::bigint = ?)")) {
      query.setLong(1, key >>> 32);
      query.setLong(2, key & 0xFFFFFFFFL);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Releases the lock and ends its session. Never throws: it runs while another error may be on its
   * way out, which must not be hidden; and ending the session releases the lock on the server
   * anyway.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.executeQuery().close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "could not release the run lock of database '"
              + database.name()
              + "'; ending its session releases it",
          e);
    } finally {
      closeQuietly(connection);
    }
  }

  /** The first 8 bytes of sha256 of a namespaced name: stable across JVMs and Lockstep versions. */
  static long key(String databaseName) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("lockstep run lock:" + databaseName).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Names the session after its holder, and keeps it from being ended for idling: it idles for the
   * whole run by design.
   */
  private static void nameSession(Connection connection, String holder) throws SQLException {
    try (PreparedStatement name =
        connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
      name.setString(1, applicationName(holder));
      name.executeQuery().close();
    }
    if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET idle_session_timeout = 0");
      }
    }
  }

  /** "lockstep run: " and as much of the holder as fits in 63 bytes. */
  static String applicationName(String holder) {
    String name = "lockstep run: " + holder.replaceFirst("^Lockstep on host ", "");
    while (name.getBytes(StandardCharsets.UTF_8).length > APPLICATION_NAME_BYTES) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }

  /**
   * A statement whose text is the holder's full description: pg_stat_activity shows an idle
   * session's last statement, and unlike application_name it is not cut at 63 bytes.
   */
  private static void announce(Connection connection, String holder) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(tag(holder) + "SELECT 1");
    }
  }

  /** A comment naming the holder, that cannot end early or nest. */
  private static String tag(String holder) {
    return HOLDER_TAG
        + holder.replace("*/", "* /").replace("/*", "/ *").replace('\0', ' ')
        + " */ ";
  }

  private static boolean tryLock(Connection connection, long key) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, key);
      try (ResultSet rows = lock.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    }
  }

  private static LockstepException held(
      Connection connection, DatabaseConfig database, long key, Duration wait) throws SQLException {
    RunLockHolder.Found found = RunLockHolder.find(connection, key);
    return new LockstepException(
        ErrorCode.RUN_IN_PROGRESS,
        "Another Lockstep run holds database '"
            + database.name()
            + "' on "
            + database.host()
            + ":"
            + database.port()
            + ": "
            + found.description()
            + ". Waited "
            + Durations.format(wait)
            + ". Let that run finish (`lockstep status` in its state folder shows where it is),"
            + " then run again."
            + (found.sessionPid() == null
                ? ""
                : " If that Lockstep is gone and its session lingers, end the session with SELECT"
                    + " pg_terminate_backend("
                    + found.sessionPid()
                    + "); in database '"
                    + database.maintenanceDatabase()
                    + "'."));
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "closing the run lock's connection failed", e);
    }
  }
}
