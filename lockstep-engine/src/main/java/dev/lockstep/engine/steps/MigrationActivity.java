package dev.lockstep.engine.steps;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells a migration that failed from one still running. Most tools mark a migration before it runs
 * and clear the mark after (golang-migrate's {@code dirty}, Prisma's unfinished row, Liquibase's
 * lock), so while a product migrates its table looks just like one a failure left. The difference
 * is that nobody works on it: a dirty state counts as a failure once no other session on the
 * database has been running a statement or holding a transaction open for {@link #SETTLE}.
 *
 * <p>A migrating product is not always in a statement: between marking a migration and running it,
 * it may hold no session at all (a tool that runs {@code psql} per statement), or be starved of CPU
 * on a loaded machine. One second of quiet was once seen there, mid-migration, on a loaded test
 * machine, and read as a failure; five seconds is well above such gaps and still far below a
 * migration deadline. A product that logs its failure is stopped at once, whatever this says.
 */
final class MigrationActivity {
  static final Duration SETTLE = Duration.ofSeconds(5);

  // Sessions Lockstep opens carry its application name; a state hidden from Lockstep's user
  // (another role, without pg_read_all_stats) counts as busy, since nothing can be told from it.
  private static final String BUSY =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND pid <> pg_backend_pid() AND coalesce(application_name, '') <> 'lockstep'"
          + " AND backend_type = 'client backend'"
          + " AND (state IS NULL OR state NOT IN ('idle', 'disabled'))";

  private final DatabaseConfig database;
  private Instant idleSince;

  MigrationActivity(DatabaseConfig database) {
    this.database = database;
  }

  /** Whether a dirty state seen at {@code now} has been left alone for {@link #SETTLE}. */
  boolean settled(Instant now) {
    if (busy()) {
      idleSince = null;
      return false;
    }
    if (idleSince == null) {
      idleSince = now;
    }
    return !now.isBefore(idleSince.plus(SETTLE));
  }

  /** Forgets what was seen: the state is clean again. */
  void reset() {
    idleSince = null;
  }

  private boolean busy() {
    try (Connection connection = new Database(database).connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(BUSY)) {
      rows.next();
      return rows.getLong(1) > 0;
    } catch (SQLException | LockstepException e) {
      return true;
    }
  }
}
