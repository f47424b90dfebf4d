package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.PgPassFile;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.internal.Command;
import dev.lockstep.postgres.internal.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pg_restore of a dump into an existing, empty database, stopping at the first error. Progress
 * counts archive items: the total comes from {@code pg_restore -l}, the count from the verbose log.
 */
final class PgRestoreRun {
  private final PgTools tools;
  private final Progress.Factory progress;
  private final int jobs;

  PgRestoreRun(PgTools tools, Progress.Factory progress, int jobs) {
    this.tools = tools;
    this.progress = progress;
    this.jobs = jobs;
  }

  /** Finds pg_restore now, so that a missing one stops a restore before the database is dropped. */
  void requireTool() {
    tools.pgRestore();
  }

  /**
   * @param keepOwners restore the original owners of objects (needs a superuser); otherwise every
   *     object belongs to the connecting user
   */
  CommandResult restore(
      Path dump, boolean directoryFormat, DatabaseConfig into, boolean keepOwners, String task) {
    long items = countItems(dump);
    List<String> argv = new ArrayList<>();
    argv.add(tools.pgRestore().toString());
    argv.add("--host=" + into.host());
    argv.add("--port=" + into.port());
    argv.add("--username=" + into.user());
    argv.add("--dbname=" + into.name());
    argv.add("--no-password");
    argv.add("--exit-on-error");
    argv.add("--verbose");
    if (!keepOwners) {
      argv.add("--no-owner");
    }
    if (directoryFormat && jobs > 1) {
      argv.add("--jobs=" + jobs);
    }
    argv.add(dump.toString());
    try (PgPassFile pass = PgPassFile.create(into);
        Progress bar = progress.start(task, items, Progress.Unit.ITEMS)) {
      ItemCounter counter = new ItemCounter();
      CommandResult result =
          Command.of(argv)
              .env(pass.environment())
              .onStderrLine(line -> bar.update(Math.min(items, counter.accept(line))))
              .run();
      if (result.succeeded()) {
        bar.update(items);
      }
      return result;
    }
  }

  /**
   * Entries in the archive's table of contents; 0 when it cannot be read (the restore says why).
   */
  private long countItems(Path dump) {
    CommandResult list =
        Command.of(List.of(tools.pgRestore().toString(), "--list", dump.toString())).run();
    if (!list.succeeded()) {
      return 0;
    }
    return list.stdout().lines().filter(line -> !line.isBlank() && !line.startsWith(";")).count();
  }

  /**
   * Counts finished items in pg_restore's verbose log. A serial restore logs one "creating",
   * "processing data" or "executing" line per item; a parallel one logs "finished item" for each
   * item of its parallel phase.
   */
  static final class ItemCounter {
    private static final String PREFIX = "pg_restore: ";
    private boolean parallel;
    private long done;

    synchronized long accept(String line) {
      if (!line.startsWith(PREFIX)) {
        return done;
      }
      String message = line.substring(PREFIX.length());
      if (message.startsWith("entering main parallel loop")) {
        parallel = true;
      } else if (message.startsWith("finished main parallel loop")) {
        parallel = false;
      } else if (parallel ? message.startsWith("finished item ") : isSerialItem(message)) {
        done++;
      }
      return done;
    }

    private static boolean isSerialItem(String message) {
      return message.startsWith("creating ")
          || message.startsWith("processing data for ")
          || message.startsWith("executing ");
    }
  }
}
