package dev.lockstep.postgres.dump;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Asks the server how big databases are, on one connection to its maintenance database, for the
 * progress of a restore. Progress only: when the server cannot say, the size is 0, the bar stands
 * still and the restore goes on.
 */
final class SizeProbe implements AutoCloseable {
  private Connection connection;

  SizeProbe(DatabaseConfig server) {
    try {
      this.connection = new Database(server).connectMaintenance();
    } catch (RuntimeException e) {
      this.connection = null;
    }
  }

  /** {@code pg_database_size} of {@code database}, or 0. */
  synchronized long size(String database) {
    if (connection == null) {
      return 0;
    }
    try (PreparedStatement query = connection.prepareStatement("SELECT pg_database_size(?)")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      return 0;
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Progress only; nothing to clean up on the server.
      }
    }
  }
}
