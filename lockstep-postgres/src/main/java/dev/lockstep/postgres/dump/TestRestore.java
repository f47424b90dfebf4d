package dev.lockstep.postgres.dump;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A test restore into a scratch database, in two runs of pg_restore: the schema and the rows (the
 * pre-data and data sections), then the post-data section (indexes, constraints, triggers,
 * policies) while the caller reads the rows. Nothing in post-data adds, removes or changes a row,
 * so what the caller reads is what the whole restore holds, and reading it no longer waits for the
 * indexes: on a dump whose restore builds indexes for as long as it loads rows, that hid most of
 * the time the hashing of every table took.
 *
 * <p>The caller's reads must not keep a table locked between two queries: post-data's {@code ADD
 * PRIMARY KEY} locks its table whole, and would otherwise wait for the caller to finish.
 */
public final class TestRestore {
  private static final List<String> ROWS = List.of("pre-data", "data");
  private static final List<String> AFTER_ROWS = List.of("post-data");
  private static final Executor OWN_THREAD =
      task -> {
        Thread thread = new Thread(task, "lockstep-pg_restore-post-data");
        thread.setDaemon(true);
        thread.start();
      };

  /** What the caller does with the restored rows. */
  public interface Reading<T> {
    /**
     * Called once, when pg_restore has been under way for a moment: the time to get ready (open
     * connections) without holding up its start.
     */
    default void restoreStarted() {}

    T read() throws SQLException;
  }

  /**
   * @param result how pg_restore ended: the first run that failed, or the last one
   * @param read what the caller read; null when the restore failed
   */
  public record Outcome<T>(ProcessResult result, T read) {}

  private final PgRestore pgRestore;

  public TestRestore(PgRestore pgRestore) {
    this.pgRestore = pgRestore;
  }

  /**
   * Restores {@code dump} into {@code into} (every object owned by the connecting user), running
   * {@code whileIndexing} once the rows are in. Progress is reported as {@code task}, against the
   * size of database {@code like} on the same server (the one the dump was taken from), or {@code
   * fallback} when that cannot be read.
   *
   * @throws SQLException what {@code whileIndexing} threw, once pg_restore was stopped
   */
  public <T> Outcome<T> run(
      Path dump,
      DatabaseConfig into,
      String like,
      long fallback,
      String task,
      Reading<T> whileIndexing)
      throws SQLException {
    try (SizeProbe probe = new SizeProbe(into)) {
      long estimate = probe.size(like);
      try (Progress bar =
          pgRestore
              .progress()
              .start(task, estimate > 0 ? estimate : fallback, Progress.Unit.BYTES)) {
        long base = probe.size(into.name());
        boolean[] started = {false};
        ProcessResult rows =
            pgRestore.run(
                pgRestore.argv(dump, into, false, ROWS),
                into,
                () -> {
                  if (!started[0]) {
                    started[0] = true;
                    whileIndexing.restoreStarted();
                  }
                  bar.update(Math.max(0, probe.size(into.name()) - base));
                });
        if (!rows.succeeded()) {
          return new Outcome<>(rows, null);
        }
        PostData post =
            new PostData(into, () -> bar.update(Math.max(0, probe.size(into.name()) - base)));
        CompletableFuture<ProcessResult> indexing =
            CompletableFuture.supplyAsync(() -> post.run(dump), OWN_THREAD);
        T read;
        try {
          read = whileIndexing.read();
        } catch (SQLException | RuntimeException e) {
          post.stop();
          try {
            indexing.join();
          } catch (CompletionException stopped) {
            e.addSuppressed(stopped.getCause());
          }
          throw e;
        }
        ProcessResult indexed = await(indexing);
        if (!indexed.succeeded()) {
          return new Outcome<>(indexed, null);
        }
        long restored = Math.max(0, probe.size(into.name()) - base);
        bar.total(restored);
        bar.update(restored);
        return new Outcome<>(indexed, read);
      }
    }
  }

  /** The post-data run, which the caller's failure stops. */
  private final class PostData {
    private final DatabaseConfig into;
    private final Runnable progress;
    private volatile boolean stopped;

    PostData(DatabaseConfig into, Runnable progress) {
      this.into = into;
      this.progress = progress;
    }

    ProcessResult run(Path dump) {
      return pgRestore.run(
          pgRestore.argv(dump, into, false, AFTER_ROWS),
          into,
          () -> {
            if (stopped) {
              // Thrown out of the runner, which then kills pg_restore.
              throw new IllegalStateException("pg_restore stopped: reading the rows failed");
            }
            progress.run();
          });
    }

    void stop() {
      stopped = true;
    }
  }

  private static ProcessResult await(CompletableFuture<ProcessResult> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
