package dev.lockstep.postgres.dump;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * pg_restore of a dump (custom file or directory, which pg_restore tells apart itself) into an
 * existing, empty database, stopping at the first error. Progress is the size the database has
 * grown to, polled on the server, against an estimate the caller gives (the size of the database
 * the dump was taken from).
 */
public final class PgRestore {
  private static final Duration POLL = Duration.ofMillis(500);

  private final PgTools tools;
  private final Progress.Factory progress;
  private final int jobs;

  public PgRestore(PgTools tools, Progress.Factory progress, int jobs) {
    this.tools = tools;
    this.progress = progress;
    this.jobs = Math.max(1, jobs);
  }

  /** Finds pg_restore now, so that a missing one stops a restore before anything is dropped. */
  public void requireTool() {
    tools.pgRestore();
  }

  /**
   * Restores {@code dump} into the database {@code into}. A non-zero exit is returned, not thrown,
   * so that a verification can report it as a difference and a restore as a failure.
   *
   * @param keepOwners restore the original owners of objects (needs a superuser); otherwise every
   *     object belongs to the connecting user
   */
  public ProcessResult restore(
      Path dump, DatabaseConfig into, boolean keepOwners, long estimate, String task) {
    return restore(dump, into, keepOwners, probe -> estimate, task);
  }

  /**
   * As {@link #restore} without the original owners, for a test restore: the progress estimate is
   * the size of database {@code like} on the same server (the one the dump was taken from), read by
   * the connection that polls the restore's progress, or {@code fallback} when it cannot be read.
   */
  public ProcessResult restoreLike(
      Path dump, DatabaseConfig into, String like, long fallback, String task) {
    return restore(
        dump,
        into,
        false,
        probe -> {
          long size = probe.size(like);
          return size > 0 ? size : fallback;
        },
        task);
  }

  private ProcessResult restore(
      Path dump,
      DatabaseConfig into,
      boolean keepOwners,
      ToLongFunction<SizeProbe> estimate,
      String task) {
    List<String> argv = new ArrayList<>();
    argv.add(tools.pgRestore().toString());
    argv.add("--host=" + into.host());
    argv.add("--port=" + into.port());
    argv.add("--username=" + into.user());
    argv.add("--dbname=" + into.name());
    argv.add("--no-password");
    argv.add("--exit-on-error");
    if (!keepOwners) {
      argv.add("--no-owner");
    }
    if (jobs > 1) {
      argv.add("--jobs=" + jobs);
    }
    argv.add(dump.toString());
    try (SizeProbe probe = new SizeProbe(into);
        Progress bar = progress.start(task, estimate.applyAsLong(probe), Progress.Unit.BYTES)) {
      long base = probe.size(into.name());
      ProcessResult result =
          tools
              .runner()
              .run(
                  ProcessSpec.of("pg_restore", argv)
                      .withDatabase(into)
                      .every(POLL, () -> bar.update(Math.max(0, probe.size(into.name()) - base))));
      if (result.succeeded()) {
        long restored = Math.max(0, probe.size(into.name()) - base);
        bar.total(restored);
        bar.update(restored);
      }
      return result;
    }
  }

  /**
   * Asks the server how big the database is. Progress only: when the server cannot say, the bar
   * stands still and the restore goes on.
   */
  private static final class SizeProbe implements AutoCloseable {
    private Connection connection;

    SizeProbe(DatabaseConfig db) {
      try {
        this.connection = new Database(db).connectMaintenance();
      } catch (RuntimeException e) {
        this.connection = null;
      }
    }

    long size(String database) {
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
    public void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // Progress only; nothing to clean up on the server.
        }
      }
    }
  }
}
