package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.postgres.internal.Identifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * A private PostgreSQL server in a temporary folder, for tests and {@code lockstep demo}: started
 * in a few seconds, listening on 127.0.0.1 only, with a random superuser password, and gone
 * (process and files) when closed or when the JVM exits.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private static final String SUPERUSER = "lockstep";
  private static final String HOST = "127.0.0.1";
  private static final String MAINTENANCE = "postgres";

  private final ServerProcess process;
  private final Secret password;
  private final Thread shutdownHook;
  private boolean closed;

  private ThrowawayPostgres(ServerProcess process, Secret password) {
    this.process = process;
    this.password = password;
    this.shutdownHook = new Thread(this::stopQuietly, "lockstep-throwaway-postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server with the programs found by {@link PgTools#findServer()}. */
  public static ThrowawayPostgres start() {
    return start(PgTools.findServer());
  }

  public static ThrowawayPostgres start(PgServerTools tools) {
    Secret password = randomPassword();
    Path root;
    try {
      root = SecureFiles.createTempDirectory("lockstep-pg-");
      ServerUser.giveToServerUser(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for a throwaway Postgres", e);
    }
    ServerProcess process = new ServerProcess(tools, root);
    try {
      process.initdb(SUPERUSER, password);
      process.start(HOST);
    } catch (RuntimeException e) {
      process.stopAndDelete(e);
      throw e;
    }
    ThrowawayPostgres server = new ThrowawayPostgres(process, password);
    try {
      server.awaitConnections();
      return server;
    } catch (RuntimeException e) {
      try {
        server.close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /**
   * Starts the server again on the same port after something killed it (a fault test), and waits
   * until it accepts connections.
   */
  public void startAgainAfterKill() {
    process.startAgain();
    awaitConnections();
  }

  public int port() {
    return process.port();
  }

  public String host() {
    return HOST;
  }

  public String superuser() {
    return SUPERUSER;
  }

  public Secret password() {
    return password;
  }

  /** The data folder, for tests that need to look at the server's files or log. */
  public Path dataDirectory() {
    return process.dataDir();
  }

  /** {@code name} on this server, as the superuser, with {@code postgres} for maintenance. */
  public DatabaseConfig database(String name) {
    return new DatabaseConfig(HOST, port(), name, SUPERUSER, password, MAINTENANCE);
  }

  public void createDatabase(String name) {
    admin().create(name, SUPERUSER, Optional.empty());
  }

  /**
   * Creates {@code name} as a copy of {@code template}, which no session may use meanwhile. From
   * PostgreSQL 15 on, the copy is a file copy ({@code STRATEGY FILE_COPY}): on a server without
   * fsync it takes a fraction of the WAL-logged default's time (0.2 s against 0.8 s for a small
   * database here).
   */
  public void copyDatabase(String template, String name) {
    try (Connection connection = new Database(database(MAINTENANCE)).connect();
        Statement statement = connection.createStatement()) {
      boolean fileCopy = connection.getMetaData().getDatabaseMajorVersion() >= 15;
      statement.execute(
          "CREATE DATABASE "
              + Identifiers.quote(name)
              + " TEMPLATE "
              + Identifiers.quote(template)
              + (fileCopy ? " STRATEGY FILE_COPY" : ""));
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "Could not copy database '"
              + template
              + "' into '"
              + name
              + "' on the throwaway server: "
              + e.getMessage(),
          e);
    }
  }

  public void dropDatabase(String name) {
    admin().drop(name);
  }

  /**
   * Creates a login role. The password is hashed here (SCRAM) and sent as a verifier, so that it
   * never appears in a statement the server could log.
   */
  public void createRole(String role, Secret rolePassword, boolean createdb) {
    try (Connection connection = new Database(database(MAINTENANCE)).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE ROLE " + Identifiers.quote(role) + " LOGIN" + (createdb ? " CREATEDB" : ""));
      connection
          .unwrap(PGConnection.class)
          .alterUserPassword(role, rolePassword.reveal().toCharArray(), "scram-sha-256");
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "Could not create role '" + role + "' on the throwaway server: " + e.getMessage(),
          e);
    }
  }

  /** Stops the server (fast shutdown: sessions are ended) and deletes its folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook is running or about to, and closes us too.
    }
    process.stopAndDelete(null);
  }

  private synchronized void stopQuietly() {
    if (!closed) {
      closed = true;
      process.stopAndDelete(null);
    }
  }

  private ServerAdmin admin() {
    return new ServerAdmin(new Database(database(MAINTENANCE)), ErrorCode.INTERNAL);
  }

  /** pg_ctl -w waits for the postmaster; this also waits until a TCP login goes through. */
  private void awaitConnections() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Database maintenance = new Database(database(MAINTENANCE));
    while (true) {
      try {
        maintenance.connect().close();
        return;
      } catch (LockstepException | SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new LockstepException(
              ErrorCode.INTERNAL,
              "The throwaway Postgres started but accepts no connections on "
                  + HOST
                  + ":"
                  + port()
                  + ": "
                  + e.getMessage()
                  + process.logTail(),
              e);
        }
        sleep(100);
      }
    }
  }

  private static Secret randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Postgres", e);
    }
  }
}
