package dev.lockstep.postgres.migrate;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lockstep's own session advisory lock around a migration, so that two Lockstep processes never
 * migrate one database at once. It is held on a connection of its own: Flyway opens and closes
 * connections as it pleases, and a session lock lives exactly as long as its session.
 */
final class MigrationLock {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Logger LOG = Logger.getLogger(MigrationLock.class.getName());

  private final Connection connection;
  private final String name;
  private final long key;
  private final Duration wait;

  MigrationLock(Connection connection, String name, Duration wait) {
    this.connection = connection;
    this.name = name;
    this.key = key(name);
    this.wait = wait;
  }

  /** The first 8 bytes of sha256(name): stable across JVMs and versions, unlike hashCode. */
  static long key(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Runs {@code work} while holding the lock. If releasing the lock fails after {@code work}
   * failed, the work's failure is thrown and the release failure is attached to it.
   */
  <T> T withLock(Supplier<T> work) throws SQLException {
    acquire();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      try {
        release();
      } catch (SQLException | RuntimeException releaseFailure) {
        e.addSuppressed(releaseFailure);
      }
      throw e;
    }
    try {
      release();
    } catch (SQLException | RuntimeException e) {
      // The work is done and must be reported as done. The lock is a session lock: closing the
      // connection, which the caller does next, releases it on the server anyway.
      LOG.log(Level.WARNING, "could not release the migration lock '" + name + "'", e);
    }
    return result;
  }

  private void acquire() throws SQLException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!tryLock()) {
      if (System.nanoTime() >= deadline) {
        throw locked();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the migration lock", e);
      }
    }
  }

  private boolean tryLock() throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, key);
      try (ResultSet rows = lock.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    }
  }

  private void release() throws SQLException {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.executeQuery().close();
    }
  }

  private LockstepException locked() throws SQLException {
    LockHolder.Holders holders = new LockHolder(connection, key).find();
    String pid = holders.pids().size() == 1 ? String.valueOf(holders.pids().get(0)) : "<pid>";
    return new LockstepException(
        ErrorCode.MIGRATION_LOCKED,
        "Another session holds the migration lock ('"
            + name
            + "') on this database: "
            + holders.description()
            + ". Waited "
            + (wait.toMillis() % 1000 == 0 ? wait.toSeconds() + "s" : wait.toMillis() + "ms")
            + " (migrations.lockWait). If another Lockstep run is migrating, let it finish;"
            + " `lockstep status` shows it. If that session is stuck, end it with"
            + " SELECT pg_terminate_backend("
            + pid
            + "); then run again.");
  }
}
