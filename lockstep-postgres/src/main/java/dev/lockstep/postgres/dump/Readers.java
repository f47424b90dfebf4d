package dev.lockstep.postgres.dump;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.internal.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Connections that read tables to hash them: the settings that shape a row's text fixed, so that
 * both sides of a comparison print rows alike, and a read-only REPEATABLE READ transaction, in an
 * exported snapshot when there is one. They can be opened ahead of need (while pg_restore still
 * runs), because a connection costs a backend's start and a SCRAM exchange, about 50 ms on a busy
 * machine, that would otherwise wait until the restore ends. Closing closes every connection opened
 * here, ahead or not.
 */
public final class Readers implements AutoCloseable {
  /** One statement, one round trip; the transaction characteristics apply from the next BEGIN. */
  private static final String SETTINGS =
      "SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC';"
          + " SET extra_float_digits = 1; SET bytea_output = 'hex';"
          + " SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

  private final DatabaseConfig db;
  private final String snapshotId;
  private final Deque<CompletableFuture<Connection>> ahead = new ArrayDeque<>();
  private final List<Connection> opened = new ArrayList<>();

  Readers(DatabaseConfig db, String snapshotId) {
    this.db = db;
    this.snapshotId = snapshotId;
  }

  /**
   * Starts opening {@code count} readers of {@code db} now, each on its own thread, without a
   * snapshot: each one's transaction starts with its first query, and sees what was committed then.
   */
  public static Readers openAhead(DatabaseConfig db, int count) {
    Readers readers = new Readers(db, null);
    for (int i = 0; i < count; i++) {
      CompletableFuture<Connection> connection = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  connection.complete(open(db, null));
                } catch (SQLException | RuntimeException e) {
                  connection.completeExceptionally(e);
                }
              },
              "lockstep-connect-" + i);
      thread.setDaemon(true);
      thread.start();
      readers.ahead.add(connection);
    }
    return readers;
  }

  /**
   * Opens one reader of {@code db}, in the snapshot {@code snapshotId} (exported by a transaction
   * that stays open meanwhile) or, when it is null, in the snapshot its first query takes.
   */
  public static Connection open(DatabaseConfig db, String snapshotId) throws SQLException {
    Connection connection = new Database(db).connect();
    try (Statement statement = connection.createStatement()) {
      statement.execute(SETTINGS);
      connection.setAutoCommit(false);
      if (snapshotId != null) {
        // Must be the transaction's first statement, before anything takes a snapshot.
        statement.execute("SET TRANSACTION SNAPSHOT " + Identifiers.literal(snapshotId));
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      close(connection);
      throw e;
    }
  }

  /** A reader: one opened ahead if any is left, else a new one. The caller must not close it. */
  Connection next() throws SQLException {
    CompletableFuture<Connection> waiting;
    synchronized (this) {
      waiting = ahead.poll();
    }
    Connection connection;
    if (waiting == null) {
      connection = open(db, snapshotId);
    } else {
      try {
        connection = waiting.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
      }
    }
    synchronized (this) {
      opened.add(connection);
    }
    return connection;
  }

  @Override
  public void close() {
    List<CompletableFuture<Connection>> left;
    List<Connection> toClose;
    synchronized (this) {
      left = new ArrayList<>(ahead);
      ahead.clear();
      toClose = new ArrayList<>(opened);
      opened.clear();
    }
    for (CompletableFuture<Connection> connection : left) {
      try {
        toClose.add(connection.join());
      } catch (CompletionException e) {
        // Never used: that it could not be opened no longer matters.
      }
    }
    toClose.forEach(Readers::close);
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Read-only work: closing ends the transaction, and nothing is left to undo.
    }
  }
}
