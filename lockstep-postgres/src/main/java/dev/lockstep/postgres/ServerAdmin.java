package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.postgres.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Creates and drops whole databases on a server, through its maintenance database. Every failure is
 * thrown with {@code failureCode}, so that a restore reports RESTORE_FAILED and a verification
 * BACKUP_VERIFY_FAILED.
 */
public final class ServerAdmin {
  /** SQL state "object in use": a session still uses the database. */
  private static final String IN_USE = "55006";

  private static final int DROP_ATTEMPTS = 20;
  private static final Duration DROP_RETRY = Duration.ofMillis(500);

  private final Database maintenance;
  private final ErrorCode failureCode;

  public ServerAdmin(Database anyDatabaseOnTheServer, ErrorCode failureCode) {
    this.maintenance = anyDatabaseOnTheServer;
    this.failureCode = failureCode;
  }

  /** Encoding and locale of an existing database, to re-create it alike. */
  public record Settings(String encoding, String collate, String ctype) {}

  public Optional<Settings> settingsOf(String database) {
    String sql =
        "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database"
            + " WHERE datname = ?";
    try (Connection connection = maintenance.connectMaintenance();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(new Settings(rows.getString(1), rows.getString(2), rows.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read the settings of database '" + database + "'", e);
    }
  }

  /**
   * Creates an empty database from {@code template0}, owned by {@code owner}: {@code template1} may
   * hold objects an administrator added, which a restore would then collide with.
   */
  public void create(String database, String owner, Optional<Settings> settings) {
    StringBuilder sql =
        new StringBuilder("CREATE DATABASE ")
            .append(Identifiers.quote(database))
            .append(" OWNER ")
            .append(Identifiers.quote(owner))
            .append(" TEMPLATE template0");
    settings.ifPresent(
        s ->
            sql.append(" ENCODING ")
                .append(Identifiers.literal(s.encoding()))
                .append(" LC_COLLATE ")
                .append(Identifiers.literal(s.collate()))
                .append(" LC_CTYPE ")
                .append(Identifiers.literal(s.ctype())));
    execute(
        sql.toString(),
        "create database '" + database + "'",
        " If the user lacks the privilege, grant it: ALTER ROLE "
            + Identifiers.quote(maintenance.config().user())
            + " CREATEDB;");
  }

  public boolean exists(String database) {
    return settingsOf(database).isPresent();
  }

  /**
   * Renames a database, ending its sessions first. A rename is one catalog change: a crash leaves
   * the database under one name or the other, never half-renamed.
   */
  public void rename(String from, String to) {
    try (Connection connection = maintenance.connectMaintenance();
        Statement statement = connection.createStatement()) {
      Database.terminateSessions(connection, from);
      statement.execute(
          "ALTER DATABASE " + Identifiers.quote(from) + " RENAME TO " + Identifiers.quote(to));
    } catch (SQLException e) {
      throw failed(
          "rename database '" + from + "' to '" + to + "'",
          e,
          " The user must own the database and have CREATEDB; no session may use it.");
    }
  }

  /** Drops the database, ending its sessions first; a missing database is not an error. */
  public void drop(String database) {
    // Not WITH (FORCE): it fails for a non-superuser while autovacuum works on the database, as it
    // does right after a large restore. Ending the sessions first and retrying a plain DROP, which
    // stops autovacuum itself, works for the database's owner.
    String sql = "DROP DATABASE IF EXISTS " + Identifiers.quote(database);
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = maintenance.connectMaintenance();
          Statement statement = connection.createStatement()) {
        Database.terminateSessions(connection, database);
        statement.execute(sql);
        return;
      } catch (SQLException e) {
        if (!IN_USE.equals(e.getSQLState()) || attempt == DROP_ATTEMPTS) {
          throw failed(
              "drop database '" + database + "'",
              e,
              " Sessions of other users may still use it; drop it by hand once they are gone.");
        }
        pause(DROP_RETRY);
      }
    }
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isSuperuser() {
    try (Connection connection = maintenance.connectMaintenance();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      return rows.next() && rows.getBoolean(1);
    } catch (SQLException e) {
      throw failed("read the privileges of user '" + maintenance.config().user() + "'", e);
    }
  }

  private void execute(String sql, String action, String fix) {
    try (Connection connection = maintenance.connectMaintenance();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw failed(action, e, fix);
    }
  }

  private LockstepException failed(String action, SQLException e) {
    return failed(action, e, "");
  }

  private LockstepException failed(String action, SQLException e, String fix) {
    return new LockstepException(
        failureCode,
        "Could not "
            + action
            + " on "
            + maintenance.config().host()
            + ":"
            + maintenance.config().port()
            + ": "
            + e.getMessage()
            + "."
            + fix,
        e);
  }
}
