package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.internal.TableRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/** The product's database, as the configuration describes it. */
public final class Database {
  static final String APPLICATION_NAME = "lockstep";

  private final DatabaseConfig config;

  public Database(DatabaseConfig config) {
    this.config = config;
  }

  public DatabaseConfig config() {
    return config;
  }

  public Connection connect() {
    return open(config.name());
  }

  /** A connection to the maintenance database, for creating and dropping databases. */
  public Connection connectMaintenance() {
    return open(config.maintenanceDatabase());
  }

  /** Whether the database exists on the server (asked through the maintenance database). */
  public boolean exists() {
    try (Connection connection = connectMaintenance();
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, config.name());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw failed("check whether the database exists", e);
    }
  }

  /** The server's version, such as {@code 15.18}, without the packager's suffix. */
  public String serverVersion() {
    String full = queryString("SHOW server_version");
    int space = full.indexOf(' ');
    return space < 0 ? full : full.substring(0, space);
  }

  /** {@code pg_database_size}: what the database takes on disk, an upper bound for a dump. */
  public long sizeBytes() {
    return Long.parseLong(queryString("SELECT pg_database_size(current_database())::text"));
  }

  /** Exact {@code count(*)} of every user table, keyed {@code schema.table}, sorted. */
  public Map<String, Long> rowCounts() {
    try (Connection connection = connect()) {
      return TableRows.count(connection);
    } catch (SQLException e) {
      throw failed("count the rows of its tables", e);
    }
  }

  /** Ends every other client session on this database, so that it can be dropped or restored. */
  public void terminateOtherConnections() {
    try (Connection connection = connectMaintenance()) {
      terminateSessions(connection, config.name());
    } catch (SQLException e) {
      throw failed("end the other sessions on the database", e);
    }
  }

  /**
   * Ends the other sessions on {@code database} that Lockstep may end: client sessions of roles it
   * is a member of. Background workers such as autovacuum are left alone: PostgreSQL refuses to let
   * a non-superuser signal them, and DROP DATABASE and CREATE DATABASE … TEMPLATE stop them by
   * themselves.
   */
  static void terminateSessions(Connection connection, String database) throws SQLException {
    try (PreparedStatement terminate =
        connection.prepareStatement(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_backend_pid()"
                + " AND backend_type = 'client backend' AND (pg_has_role(usesysid, 'MEMBER')"
                + " OR pg_has_role('pg_signal_backend', 'MEMBER'))")) {
      terminate.setString(1, database);
      terminate.executeQuery().close();
    }
  }

  private String queryString(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw failed("run " + sql, e);
    }
  }

  private Connection open(String database) {
    Properties properties = new Properties();
    properties.setProperty("user", config.user());
    if (config.password() != null) {
      properties.setProperty("password", config.password().reveal());
    }
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    properties.setProperty("connectTimeout", "10");
    try {
      return DriverManager.getConnection(config.jdbcUrl(database), properties);
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Cannot connect to Postgres at "
              + config.host()
              + ":"
              + config.port()
              + "/"
              + database
              + " as user '"
              + config.user()
              + "': "
              + e.getMessage()
              + ". Is the server running? Check database.host/port in the config"
              + " (and database.user and its password if authentication failed).",
          e);
    }
  }

  private LockstepException failed(String action, SQLException e) {
    return new LockstepException(
        ErrorCode.DATABASE_UNREACHABLE,
        "Could not "
            + action
            + " on "
            + config
            + ": "
            + e.getMessage()
            + ". Check that user '"
            + config.user()
            + "' may read the database and that the server is healthy.",
        e);
  }
}
