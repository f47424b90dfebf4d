package dev.lockstep.postgres.migrate;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Applies a release's SQL migrations exactly once, with Flyway as a library, under Lockstep's own
 * advisory lock. Whichever of several concurrent runs gets the lock first applies the pending
 * migrations; the others then find nothing pending.
 */
public final class MigrationRunner {
  private static final String LOCK_PREFIX = "lockstep:migrate:";

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Set<org.flywaydb.core.api.ErrorCode> CHANGED =
      Set.of(
          CoreErrorCode.CHECKSUM_MISMATCH,
          CoreErrorCode.DESCRIPTION_MISMATCH,
          CoreErrorCode.TYPE_MISMATCH);

  private final DatabaseConfig db;
  private final MigrationsConfig config;
  private final MigrationHistory history;
  private final MigrationListener listener;

  public MigrationRunner(DatabaseConfig db, MigrationsConfig config) {
    this(db, config, MigrationListener.NONE);
  }

  public MigrationRunner(DatabaseConfig db, MigrationsConfig config, MigrationListener listener) {
    this.db = db;
    this.config = config;
    this.history = new MigrationHistory(config.historyTable());
    this.listener = listener;
  }

  /**
   * Applies the pending migrations of {@code release}. Throws MIGRATION_LOCKED when another session
   * holds the lock past {@code lockWait}, and {@link MigrationFailedException} naming the migration
   * that failed and Postgres's error.
   */
  public MigrationResult migrate(ReleaseManifest release) {
    return migrate(release, "latest");
  }

  /**
   * As {@link #migrate(ReleaseManifest)}, but only the migrations a rolling upgrade applies before
   * its first node: those the release holds back until after the rollout stay pending.
   */
  public MigrationResult migrateBeforeRollout(ReleaseManifest release) {
    return migrate(release, release.lastBeforeRollout().orElse("latest"));
  }

  private MigrationResult migrate(ReleaseManifest release, String target) {
    Instant start = Instant.now();
    Path dir = release.migrationsDir();
    if (dir == null || (Files.isDirectory(dir) && !holdsSql(dir))) {
      return new MigrationResult(List.of(), Duration.between(start, Instant.now()));
    }
    if (!Files.isDirectory(dir)) {
      throw new LockstepException(
          ErrorCode.MANIFEST_INVALID,
          "The migrations folder "
              + dir
              + " of release "
              + release.version()
              + " does not exist. Fix migrations in "
              + release.file()
              + ", or restore the folder.");
    }
    // Flyway's two sessions open while Lockstep's own one takes the lock.
    PrefetchedConnections flywayConnections =
        new PrefetchedConnections(db.jdbcUrl(), flywayProperties(), 2);
    Connection lockConnection;
    try {
      lockConnection = new Database(db).connect();
    } catch (RuntimeException e) {
      flywayConnections.close();
      throw e;
    }
    MigrationResult result;
    try {
      result =
          new MigrationLock(lockConnection, LOCK_PREFIX + config.historyTable(), config.lockWait())
              .withLock(
                  () -> apply(release, target, dir, start, lockConnection, flywayConnections));
    } catch (SQLException e) {
      throw closeAfterFailure(lockConnection, unreachable("take the migration lock", e));
    } catch (RuntimeException e) {
      throw closeAfterFailure(lockConnection, e);
    } finally {
      flywayConnections.close();
    }
    try {
      lockConnection.close();
    } catch (SQLException e) {
      // The migrations are applied; a session that fails to close ends on the server by itself.
    }
    return result;
  }

  /**
   * The migrations {@code release} ships whose text (checksum), description or kind differs from
   * what the history table says was applied, as Flyway's own validation sees them; Flyway would
   * refuse to migrate. Pending, missing and future migrations are left to the other checks. Reads
   * only.
   */
  public List<ChangedMigration> changedSinceApplied(ReleaseManifest release) {
    Path dir = release.migrationsDir();
    if (dir == null || !Files.isDirectory(dir) || !holdsSql(dir)) {
      return List.of();
    }
    ValidateResult result;
    try {
      result =
          configure(dir)
              .ignoreMigrationPatterns("*:pending", "*:missing", "*:future", "*:ignored")
              .load()
              .validateWithResult();
    } catch (FlywayException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not compare the migrations of release "
              + release.version()
              + " with the history table '"
              + config.historyTable()
              + "' on "
              + db
              + ": "
              + e.getMessage(),
          e);
    }
    if (result.invalidMigrations == null) {
      return List.of();
    }
    return result.invalidMigrations.stream()
        .filter(m -> m.errorDetails != null && CHANGED.contains(m.errorDetails.errorCode))
        .map(m -> new ChangedMigration(m.version, m.description, m.filepath, detail(m)))
        .toList();
  }

  /**
   * Flyway's message without its advice ("run repair"), which is not the whole story here: {@code
   * Migration checksum mismatch for migration version 1: the database has -1056707963, the release
   * has 33858909}.
   */
  private static String detail(ValidateOutput migration) {
    String message = migration.errorDetails.errorMessage;
    if (message == null) {
      return "";
    }
    int advice = message.indexOf("Either revert");
    return (advice < 0 ? message : message.substring(0, advice))
        .replaceAll("\\s*->\\s*Applied to database\\s*:\\s*", ": the database has ")
        .replaceAll("\\s*->\\s*Resolved locally\\s*:\\s*", ", the release has ")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** Every migration recorded in the history table, oldest first; empty when there is none. */
  public List<AppliedMigration> history() {
    try (Connection connection = new Database(db).connect()) {
      return history.after(connection, 0);
    } catch (SQLException e) {
      throw unreachable("read the history table '" + config.historyTable() + "'", e);
    }
  }

  /**
   * Every migration runs with a short {@code lock_timeout}: one queued behind a long transaction
   * would otherwise hold up every query that comes after it. When the timeout hits, Postgres rolls
   * that migration back, and it is tried again after a growing pause, naming who is in the way.
   */
  private MigrationResult apply(
      ReleaseManifest release,
      String target,
      Path dir,
      Instant start,
      Connection session,
      PrefetchedConnections flywayConnections) {
    // The history is read on the session that holds the lock: a new session per read would cost
    // a backend start and an authentication each, inside the downtime.
    int lastRank = onSession(session, connection -> history.lastRank(connection));
    Flyway flyway = configure(dir).dataSource(flywayConnections).target(target).load();
    int attempts = config.lockRetries() + 1;
    for (int attempt = 1; ; attempt++) {
      try {
        flyway.migrate();
        break;
      } catch (FlywayException e) {
        if (!LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
          List<AppliedMigration> before = onSession(session, c -> history.after(c, lastRank));
          throw new FlywayFailure(e, release, db).toException(before);
        }
        LockBlockers.Blockers blockers = withConnection(c -> new LockBlockers(c).find());
        if (attempt == attempts) {
          throw gaveUp(release, attempts, blockers, e);
        }
        Duration backoff = backoff(attempt);
        listener.lockTimedOut(attempt, attempts, backoff, blockers.description());
        sleep(backoff);
      }
    }
    List<AppliedMigration> applied = onSession(session, c -> history.after(c, lastRank));
    return new MigrationResult(applied, Duration.between(start, Instant.now()));
  }

  private LockstepException gaveUp(
      ReleaseManifest release, int attempts, LockBlockers.Blockers blockers, Exception cause) {
    return new LockstepException(
        ErrorCode.MIGRATION_LOCKED,
        "A migration of release "
            + release.version()
            + " could not get its lock within lock_timeout "
            + config.lockTimeout().toMillis()
            + " ms, "
            + attempts
            + " times; Postgres rolled it back each time, so nothing half-done remains. In the way: "
            + blockers.description()
            + ". Let them finish, or end them"
            + (blockers.pids().isEmpty()
                ? ""
                : " with SELECT pg_terminate_backend(pid) FROM unnest(ARRAY"
                    + blockers.pids()
                    + ") AS pid")
            + ", then run the upgrade again (or resume it).",
        cause);
  }

  private static Duration backoff(int attempt) {
    Duration pause = Duration.ofSeconds(1L << Math.min(attempt - 1, 5));
    return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockstepException(
          ErrorCode.MIGRATION_FAILED, "Interrupted while waiting to retry a migration.", e);
    }
  }

  private static String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /** The session settings Flyway's connections carry (see {@link #configure}). */
  private Properties flywayProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", db.user());
    properties.setProperty("password", db.password() == null ? "" : db.password().reveal());
    properties.setProperty("ApplicationName", "lockstep-migrate");
    properties.setProperty("options", "-c lock_timeout=" + config.lockTimeout().toMillis());
    return properties;
  }

  private FluentConfiguration configure(Path dir) {
    String password = db.password() == null ? "" : db.password().reveal();
    return Flyway.configure(MigrationRunner.class.getClassLoader())
        // lock_timeout rides on the connection itself, so every migration (and Flyway's own
        // statements) gives up waiting for a lock instead of queueing others behind it.
        .dataSource(
            db.jdbcUrl()
                + "?ApplicationName=lockstep-migrate&options=-c%20lock_timeout%3D"
                + config.lockTimeout().toMillis(),
            db.user(),
            password)
        .locations("filesystem:" + dir.toAbsolutePath())
        .table(config.historyTable())
        .encoding(StandardCharsets.UTF_8)
        .cleanDisabled(true)
        .failOnMissingLocations(true)
        // A misnamed .sql file is an error, not a migration silently skipped.
        .validateMigrationNaming(true)
        .loggers(FlywayLogBridge.class.getName());
  }

  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T onSession(Connection session, SqlWork<T> work) {
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw unreachable("read the history table '" + config.historyTable() + "'", e);
    }
  }

  private <T> T withConnection(SqlWork<T> work) {
    try (Connection connection = new Database(db).connect()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw unreachable("read the history table '" + config.historyTable() + "'", e);
    }
  }

  /** Flyway warns about a folder without migrations; a release without any is normal. */
  private static boolean holdsSql(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".sql"));
    } catch (IOException e) {
      // Let Flyway read the folder and report what is wrong with it.
      return true;
    }
  }

  /** Closing the session also frees the lock; a failure to close must not hide the first one. */
  private static RuntimeException closeAfterFailure(Connection connection, RuntimeException error) {
    try {
      connection.close();
    } catch (SQLException closeFailure) {
      error.addSuppressed(closeFailure);
    }
    return error;
  }

  private LockstepException unreachable(String action, SQLException e) {
    return new LockstepException(
        ErrorCode.DATABASE_UNREACHABLE,
        "Could not "
            + action
            + " on "
            + db
            + ": "
            + e.getMessage()
            + ". Check that the server is running and that user '"
            + db.user()
            + "' may use the database.",
        e);
  }
}
