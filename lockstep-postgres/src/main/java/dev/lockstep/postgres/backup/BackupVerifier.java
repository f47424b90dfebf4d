package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.internal.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves a backup can be restored: its checksums, then a real restore into a scratch database on
 * the same server, compared table by table with the manifest. The scratch database is dropped
 * whatever happens.
 */
final class BackupVerifier {
  private final BackupLayout layout;
  private final PgRestoreRun pgRestore;
  private final Progress.Factory progress;
  private final Clock clock;

  BackupVerifier(
      BackupLayout layout, PgRestoreRun pgRestore, Progress.Factory progress, Clock clock) {
    this.layout = layout;
    this.pgRestore = pgRestore;
    this.progress = progress;
    this.clock = clock;
  }

  static String scratchName(String backupId) {
    return "lockstep_verify_" + backupId.replace('-', '_');
  }

  VerificationResult verify(String id, DatabaseConfig db) {
    Instant start = clock.instant();
    pgRestore.requireTool();
    BackupManifest manifest = layout.manifest(id);
    Path folder = layout.folder(id);
    List<String> tampered = BackupFiles.check(folder, manifest, progress);
    if (!tampered.isEmpty()) {
      // Recorded first, so that `backup list` stops calling it verified.
      record(finish(id, start, List.of(), tampered));
      throw new BackupTamperedException(id, folder, tampered);
    }
    String scratch = scratchName(id);
    ServerAdmin admin = new ServerAdmin(new Database(db), ErrorCode.BACKUP_VERIFY_FAILED);
    // A verification killed midway leaves its scratch database behind.
    admin.drop(scratch);
    admin.create(scratch, db.user(), admin.settingsOf(db.name()));
    VerificationResult result;
    try {
      result = restoreAndCompare(manifest, folder, db.withName(scratch), start);
    } catch (RuntimeException e) {
      dropAfterFailure(admin, scratch, e);
      throw e;
    }
    admin.drop(scratch);
    return record(result);
  }

  private VerificationResult restoreAndCompare(
      BackupManifest manifest, Path folder, DatabaseConfig scratch, Instant start) {
    CommandResult restore =
        pgRestore.restore(
            BackupLayout.dumpPath(folder, manifest),
            manifest.isDirectoryFormat(),
            scratch,
            false,
            "verify backup " + manifest.id());
    if (!restore.succeeded()) {
      return finish(
          manifest.id(),
          start,
          List.of(),
          List.of("the test restore failed: " + restore.describeFailure()));
    }
    Map<String, Long> restored = new Database(scratch).rowCounts();
    List<TableComparison> tables = RowComparison.compare(manifest.tableRows(), restored);
    List<String> problems =
        new ArrayList<>(RowComparison.problems(tables, manifest.tableRows(), restored));
    return finish(manifest.id(), start, tables, problems);
  }

  private VerificationResult record(VerificationResult result) {
    try {
      layout.writeVerification(result);
      return result;
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "Backup "
              + result.backupId()
              + " was checked (verified: "
              + result.verified()
              + ") but the result cannot be written into "
              + layout.folder(result.backupId())
              + ": "
              + e
              + ". Check free disk space and permissions, then verify again.",
          e);
    }
  }

  private static void dropAfterFailure(ServerAdmin admin, String scratch, RuntimeException error) {
    try {
      admin.drop(scratch);
    } catch (RuntimeException e) {
      // The first failure is the one to report; this one only explains a leftover database.
      error.addSuppressed(e);
    }
  }

  /** Verified exactly when nothing went wrong. */
  private VerificationResult finish(
      String id, Instant start, List<TableComparison> tables, List<String> problems) {
    Instant end = clock.instant();
    return new VerificationResult(
        id, problems.isEmpty(), end, Duration.between(start, end), tables, problems);
  }
}
