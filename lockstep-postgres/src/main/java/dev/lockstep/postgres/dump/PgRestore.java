package dev.lockstep.postgres.dump;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * pg_restore of a dump (custom file or directory, which pg_restore tells apart itself) into an
 * existing, empty database, stopping at the first error. Progress is the size the database has
 * grown to, polled on the server, against an estimate the caller gives (the size of the database
 * the dump was taken from).
 */
public final class PgRestore {
  static final Duration POLL = Duration.ofMillis(500);

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
    try (SizeProbe probe = new SizeProbe(into);
        Progress bar = progress.start(task, estimate, Progress.Unit.BYTES)) {
      long base = probe.size(into.name());
      Runnable tick = () -> bar.update(Math.max(0, probe.size(into.name()) - base));
      ProcessResult result = run(argv(dump, into, keepOwners, List.of()), into, tick);
      if (result.succeeded()) {
        long restored = Math.max(0, probe.size(into.name()) - base);
        bar.total(restored);
        bar.update(restored);
      }
      return result;
    }
  }

  Progress.Factory progress() {
    return progress;
  }

  /** pg_restore's arguments, for the given {@code --section}s, or all of the dump when empty. */
  List<String> argv(Path dump, DatabaseConfig into, boolean keepOwners, List<String> sections) {
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
    sections.forEach(section -> argv.add("--section=" + section));
    argv.add(dump.toString());
    return argv;
  }

  /** Runs pg_restore; {@code tick} every {@link #POLL}, and an exception it throws kills it. */
  ProcessResult run(List<String> argv, DatabaseConfig into, Runnable tick) {
    return tools
        .runner()
        .run(ProcessSpec.of("pg_restore", argv).withDatabase(into).every(POLL, tick));
  }
}
