package dev.lockstep.postgres.migrate;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Flyway's connections, opened ahead of time and side by side. Flyway opens two sessions one after
 * the other before its first migration; each costs a backend start and a SCRAM exchange (tens of
 * milliseconds, far more on a loaded server), and they fall inside the downtime. Opened here while
 * Lockstep takes its own lock, they are ready when Flyway asks. A connection that failed to open
 * ahead is opened again on demand, so Flyway reports the error itself.
 */
final class PrefetchedConnections implements DataSource, AutoCloseable {
  private final String url;
  private final Properties properties;
  private final ExecutorService opener;
  private final Deque<CompletableFuture<Connection>> ready = new ArrayDeque<>();

  PrefetchedConnections(String url, Properties properties, int count) {
    this.url = url;
    this.properties = properties;
    this.opener =
        Executors.newFixedThreadPool(
            count,
            task -> {
              Thread thread = new Thread(task, "lockstep-connect");
              thread.setDaemon(true);
              return thread;
            });
    for (int i = 0; i < count; i++) {
      ready.add(CompletableFuture.supplyAsync(this::openQuietly, opener));
    }
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    CompletableFuture<Connection> next = ready.poll();
    if (next != null) {
      try {
        Connection connection = next.join();
        if (connection != null) {
          return connection;
        }
      } catch (CompletionException e) {
        // opened again below, where the error reaches Flyway
      }
    }
    return DriverManager.getConnection(url, properties);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the user and password are set once");
  }

  /** Closes the connections Flyway did not take. */
  @Override
  public synchronized void close() {
    for (CompletableFuture<Connection> unused : ready) {
      unused.thenAccept(PrefetchedConnections::closeQuietly);
    }
    ready.clear();
    opener.shutdown();
  }

  private Connection openQuietly() {
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      return null;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // never used; the server ends the session when the socket closes
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
