package dev.lockstep.postgres.dump;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * pg_dump of one database, with the row count and content hash of every table taken in the very
 * same snapshot: a REPEATABLE READ transaction exports its snapshot and stays open while pg_dump
 * ({@code --snapshot}) reads it; as many connections as pg_dump has jobs hash the tables in it, the
 * exporting one and others that import it ({@code SET TRANSACTION SNAPSHOT}). The hashing runs
 * while pg_dump runs, so it adds little to the time of the dump. Writes that land meanwhile are in
 * neither the dump nor the fingerprints.
 */
public final class SnapshotDump {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Executor OWN_THREAD =
      task -> {
        Thread thread = new Thread(task, "lockstep-pg_dump");
        thread.setDaemon(true);
        thread.start();
      };

  private final PgTools tools;
  private final Progress.Factory progress;

  public SnapshotDump(PgTools tools, Progress.Factory progress) {
    this.tools = tools;
    this.progress = progress;
  }

  /**
   * Dumps {@code db} into {@code target}: a file for the custom format, an empty or absent folder
   * for the directory format. Progress is reported as {@code "dump <task>"} (bytes written, of the
   * database's size) and {@code "hash <task>"} (bytes of tables hashed).
   *
   * @throws LockstepException BACKUP_FAILED with the tail of pg_dump's stderr when it fails;
   *     DATABASE_UNREACHABLE when the database cannot be reached
   */
  public DumpResult dump(DatabaseConfig db, DumpOptions options, Path target, String task)
      throws SQLException {
    // The exporting connection hashes too: it reads the very snapshot it exports.
    try (Connection exporter = Readers.open(db, null)) {
      String snapshotId;
      long size;
      try (Statement statement = exporter.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT pg_export_snapshot(), pg_database_size(current_database())")) {
        rows.next();
        snapshotId = rows.getString(1);
        size = rows.getLong(2);
      }
      // As the server reported it when the connection started, such as "15.18 (Debian …)".
      String version = exporter.getMetaData().getDatabaseProductVersion().split(" ")[0];
      // Looked up last: a caller may have started the lookup while the connection was made.
      Path pgDump = tools.pgDump();
      TableFingerprints fingerprints = new TableFingerprints(db, options.jobs());

      DumpProcess process = new DumpProcess(argv(pgDump, db, options, snapshotId, target));
      CompletableFuture<ProcessResult> running =
          CompletableFuture.supplyAsync(() -> process.run(db, target, task, size), OWN_THREAD);
      // A failed pg_dump makes the fingerprints useless: stop hashing instead of finishing.
      running.whenComplete(
          (result, error) -> {
            if (error != null || !result.succeeded()) {
              fingerprints.cancel();
            }
          });
      Map<String, TableFingerprint> tables;
      try (Progress bar = progress.start("hash " + task, 0, Progress.Unit.BYTES)) {
        tables = fingerprints.compute(exporter, snapshotId, bar);
      } catch (SQLException | RuntimeException e) {
        process.abort();
        Optional<LockstepException> dumpFailure = awaitFailure(running, db);
        if (dumpFailure.isPresent()) {
          dumpFailure.get().addSuppressed(e);
          throw dumpFailure.get();
        }
        throw e;
      }
      ProcessResult result = await(running);
      if (!result.succeeded()) {
        throw failed(db, result);
      }
      exporter.rollback();
      return new DumpResult(version, size, tables);
    }
  }

  private static List<String> argv(
      Path pgDump, DatabaseConfig db, DumpOptions options, String snapshotId, Path target) {
    List<String> argv = new ArrayList<>();
    argv.add(pgDump.toString());
    argv.add("--host=" + db.host());
    argv.add("--port=" + db.port());
    argv.add("--username=" + db.user());
    argv.add("--dbname=" + db.name());
    argv.add("--no-password");
    argv.add("--snapshot=" + snapshotId);
    if (options.format() == DumpFormat.DIRECTORY) {
      argv.add("--format=directory");
      argv.add("--jobs=" + options.jobs());
    } else {
      argv.add("--format=custom");
    }
    if (options.compression() != null) {
      argv.add("--compress=" + options.compression());
    }
    argv.add("--file=" + target);
    return argv;
  }

  /** pg_dump as a child process that the hashing side can stop. */
  private final class DumpProcess {
    private final List<String> argv;
    private volatile boolean aborted;

    DumpProcess(List<String> argv) {
      this.argv = argv;
    }

    ProcessResult run(DatabaseConfig db, Path target, String task, long estimate) {
      try (Progress bar = progress.start("dump " + task, estimate, Progress.Unit.BYTES)) {
        ProcessResult result =
            tools
                .runner()
                .run(
                    ProcessSpec.of("pg_dump", argv)
                        .withDatabase(db)
                        .every(POLL, () -> tick(bar, target)));
        if (result.succeeded()) {
          // The estimate is the size on disk; a compressed dump is smaller. End the bar at 100%.
          long written = DumpSize.of(target);
          bar.total(written);
          bar.update(written);
        }
        return result;
      }
    }

    private void tick(Progress bar, Path target) {
      if (aborted) {
        // Thrown out of the runner, which then kills pg_dump.
        throw new IllegalStateException("pg_dump stopped: hashing the tables failed");
      }
      bar.update(DumpSize.of(target));
    }

    void abort() {
      aborted = true;
    }
  }

  private static ProcessResult await(CompletableFuture<ProcessResult> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** pg_dump's own failure, which explains a failed hashing better than the cancelled query. */
  private static Optional<LockstepException> awaitFailure(
      CompletableFuture<ProcessResult> running, DatabaseConfig db) {
    try {
      ProcessResult result = running.join();
      return result.succeeded() ? Optional.empty() : Optional.of(failed(db, result));
    } catch (CompletionException e) {
      return Optional.empty();
    }
  }

  private static LockstepException failed(DatabaseConfig db, ProcessResult result) {
    return new LockstepException(
        ErrorCode.BACKUP_FAILED,
        "pg_dump of database " + db.name() + " failed: " + result.describeFailure());
  }
}
