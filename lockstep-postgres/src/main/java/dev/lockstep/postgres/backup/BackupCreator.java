package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.internal.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Takes one backup. It is written into {@code <id>.partial} and renamed to {@code <id>} only when
 * the dump, the checksums and the manifest are all on disk, so a folder named like a backup is
 * always a complete one; a failure leaves nothing behind.
 */
final class BackupCreator {
  private final BackupLayout layout;
  private final PgTools tools;
  private final Progress.Factory progress;
  private final Clock clock;

  BackupCreator(BackupLayout layout, PgTools tools, Progress.Factory progress, Clock clock) {
    this.layout = layout;
    this.tools = tools;
    this.progress = progress;
    this.clock = clock;
  }

  BackupManifest create(DatabaseConfig db, BackupRequest request) {
    tools.pgDump(); // a missing pg_dump is TOOL_MISSING, before anything is written
    layout.removeAbandonedPartials();
    Instant createdAt = clock.instant();
    String id = BackupLayout.newId(createdAt);
    Path partial = layout.partialFolder(id);
    try {
      SecureFiles.createDirectories(layout.root());
      Files.createDirectory(partial);
      SecureFiles.restrict(partial);
      SecureFiles.createDirectories(partial.resolve("db"));
      String dumpPath = BackupLayout.dumpPath(db.name(), request.format());
      SnapshotDump.Outcome outcome =
          new SnapshotDump(tools, progress).dump(db, request, partial.resolve(dumpPath));
      if (!outcome.pgDump().succeeded()) {
        throw failure(
            db, outcome.pgDump().describeFailure() + "\nFix the cause above and run it again.");
      }
      SecureFiles.restrictTree(partial);
      List<BackupFile> files = BackupFiles.inventory(partial, progress, "checksum backup " + id);
      BackupManifest manifest =
          new BackupManifest(
              id,
              createdAt,
              request.runId(),
              request.release(),
              db.name(),
              db.host(),
              db.port(),
              outcome.serverVersion(),
              request.format() == BackupConfig.DumpFormat.DIRECTORY
                  ? BackupManifest.DIRECTORY
                  : BackupManifest.CUSTOM,
              files.stream().mapToLong(BackupFile::size).sum(),
              files,
              outcome.tableRows());
      SecureFiles.writeString(partial.resolve(BackupLayout.MANIFEST), Json.write(manifest) + "\n");
      Files.move(partial, layout.folder(id), StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } catch (IOException e) {
      throw cleanUp(
          partial,
          failure(
              db,
              "cannot write into "
                  + partial
                  + ": "
                  + e
                  + ". Check free disk space and that Lockstep may write to "
                  + layout.root()
                  + ".",
              e));
    } catch (SQLException e) {
      throw cleanUp(partial, failure(db, e.getMessage() + ".", e));
    } catch (RuntimeException e) {
      throw cleanUp(
          partial,
          e instanceof LockstepException lockstep && lockstep.errorCode() == ErrorCode.BACKUP_FAILED
              ? lockstep
              : failure(db, e.getMessage(), e));
    }
  }

  private static LockstepException failure(DatabaseConfig db, String detail) {
    return failure(db, detail, null);
  }

  private static LockstepException failure(DatabaseConfig db, String detail, Throwable cause) {
    return new LockstepException(
        ErrorCode.BACKUP_FAILED,
        "Backup of database " + db + " failed; no backup was kept. " + detail,
        cause);
  }

  private static LockstepException cleanUp(Path partial, LockstepException error) {
    try {
      SecureFiles.deleteTree(partial);
    } catch (RuntimeException e) {
      error.addSuppressed(e);
    }
    return error;
  }
}
