package dev.lockstep.journal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The journal's one SQLite connection: statements, and transactions that group several of them.
 * Outside a transaction each statement commits on its own (SQLite's autocommit), as it always did.
 */
final class JournalConnection implements AutoCloseable {
  private final Connection connection;
  // Held for a whole transaction, so that another thread's write cannot slip into it (they share
  // the connection) and is neither committed nor rolled back with work it has nothing to do with.
  private final ReentrantLock lock = new ReentrantLock();
  private int depth;

  private JournalConnection(Connection connection) {
    this.connection = connection;
  }

  /** Opens {@code url}; nothing is written to the file yet. */
  static JournalConnection open(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      // Another Lockstep process (status, a second run refused by the state lock) may hold the
      // write lock for a moment: wait for it rather than fail.
      statement.execute("PRAGMA busy_timeout=10000");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new JournalConnection(connection);
  }

  /** Write-ahead log, synced on every commit; after the format version was checked. */
  void makeDurable() {
    execute("PRAGMA journal_mode=WAL");
    // FULL: a step recorded as started survives a kill -9 or a power cut right after.
    execute("PRAGMA synchronous=FULL");
  }

  /**
   * Runs {@code work} in one transaction: all of its writes are committed together or not at all.
   * The outermost call takes SQLite's write lock up front ({@code BEGIN IMMEDIATE}), so no other
   * process can write between its reads and its writes. A nested call joins it through a savepoint:
   * nothing is committed before the outermost call returns, and a nested call that throws undoes
   * only its own writes (the caller that catches the exception keeps the rest).
   */
  <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      String savepoint = "journal_" + depth;
      execute(depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint);
      depth++;
      T result;
      try {
        result = work.get();
      } catch (Throwable e) { // unchecked only (a Supplier throws nothing else), rethrown as is
        depth--;
        undo(savepoint, e);
        throw e;
      }
      depth--;
      finish(savepoint);
      return result;
    } finally {
      lock.unlock();
    }
  }

  void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  private void finish(String savepoint) {
    try {
      execute(depth == 0 ? "COMMIT" : "RELEASE " + savepoint);
    } catch (LockstepException e) {
      undo(savepoint, e);
      throw e;
    }
  }

  /** Undoes the transaction or savepoint; a failure to undo never hides why it was undone. */
  private void undo(String savepoint, Throwable cause) {
    try {
      if (depth == 0) {
        execute("ROLLBACK");
      } else {
        execute("ROLLBACK TO " + savepoint);
        execute("RELEASE " + savepoint);
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  void execute(String sql) {
    lock.lock();
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  void update(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement statement = prepare(sql, args)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  <R> List<R> query(String sql, RowMapper<R> mapper, Object... args) {
    lock.lock();
    try (PreparedStatement statement = prepare(sql, args);
        ResultSet rs = statement.executeQuery()) {
      List<R> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  int queryInt(String sql, Object... args) {
    return query(sql, rs -> rs.getInt(1), args).get(0);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  static LockstepException failure(SQLException e) {
    return new LockstepException(
        ErrorCode.INTERNAL, "The journal could not be written or read: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @FunctionalInterface
  interface RowMapper<R> {
    R map(ResultSet rs) throws SQLException;
  }
}
