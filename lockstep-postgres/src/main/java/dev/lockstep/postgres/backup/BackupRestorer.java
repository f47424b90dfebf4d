package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.internal.CommandResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replaces a database with the contents of a backup: checksums first (a tampered backup is refused
 * before anything is touched), then drop, re-create and pg_restore, then the row counts. Every
 * failure says what state the database was left in.
 */
final class BackupRestorer {
  private final BackupLayout layout;
  private final PgRestoreRun pgRestore;
  private final Progress.Factory progress;
  private final Clock clock;

  BackupRestorer(
      BackupLayout layout, PgRestoreRun pgRestore, Progress.Factory progress, Clock clock) {
    this.layout = layout;
    this.pgRestore = pgRestore;
    this.progress = progress;
    this.clock = clock;
  }

  RestoreResult restore(String id, DatabaseConfig db) {
    Instant start = clock.instant();
    pgRestore.requireTool();
    BackupManifest manifest = layout.manifest(id);
    Path folder = layout.folder(id);
    List<String> tampered = BackupFiles.check(folder, manifest, progress);
    if (!tampered.isEmpty()) {
      throw new BackupTamperedException(id, folder, tampered);
    }
    Database target = new Database(db);
    ServerAdmin admin = new ServerAdmin(target, ErrorCode.RESTORE_FAILED);
    Optional<ServerAdmin.Settings> settings = admin.settingsOf(db.name());
    boolean keepOwners = admin.isSuperuser();

    String untouched = "The database " + db + " was not changed.";
    step(target::terminateOtherConnections, untouched, id);
    step(() -> admin.drop(db.name()), untouched, id);
    step(
        () -> admin.create(db.name(), db.user(), settings),
        "The database "
            + db
            + " was dropped and could not be created again: it does not exist now."
            + " Fix the cause, then run the restore again; backup "
            + id
            + " is intact.",
        id);
    String partial =
        "The database "
            + db
            + " was dropped and re-created, and holds a partial restore that must not be used."
            + " Fix the cause, then run the restore again; backup "
            + id
            + " is intact.";
    CommandResult result =
        pgRestore.restore(
            BackupLayout.dumpPath(folder, manifest),
            manifest.isDirectoryFormat(),
            db,
            keepOwners,
            "restore backup " + id + " into " + db.name());
    if (!result.succeeded()) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Restoring backup " + id + " failed: " + result.describeFailure() + "\n" + partial);
    }
    Map<String, Long> rows = fetch(target::rowCounts, partial, id);
    List<String> problems =
        RowComparison.problems(
            RowComparison.compare(manifest.tableRows(), rows), manifest.tableRows(), rows);
    if (!problems.isEmpty()) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Backup "
              + id
              + " was restored into "
              + db
              + " but its rows differ from the manifest:\n  - "
              + String.join("\n  - ", problems)
              + "\nThe database holds what pg_restore produced; check it before using it.");
    }
    return new RestoreResult(id, db.name(), Duration.between(start, clock.instant()), rows);
  }

  private static void step(Runnable action, String state, String id) {
    fetch(
        () -> {
          action.run();
          return null;
        },
        state,
        id);
  }

  private static <T> T fetch(Supplier<T> action, String state, String id) {
    try {
      return action.get();
    } catch (LockstepException e) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Restoring backup " + id + " failed: " + e.getMessage() + "\n" + state,
          e);
    }
  }
}
