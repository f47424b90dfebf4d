package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Proves a set can be restored: the checksums of every stored file, then a real restore of every
 * part into a scratch place (a scratch database, a scratch folder, a scratch load), compared with
 * the manifest. The outcome is recorded in {@code verification.json}.
 */
final class SetVerifier {
  private static final Executor CHECKSUM_THREAD =
      task -> {
        Thread thread = new Thread(task, "lockstep-checksum");
        thread.setDaemon(true);
        thread.start();
      };

  private final BackupServices services;

  SetVerifier(BackupServices services) {
    this.services = services;
  }

  VerificationResult verify(String id, List<StoreConfig> stores) {
    Instant start = services.clock().instant();
    SetLayout layout = services.layout();
    BackupSet set = layout.manifest(id);
    Path folder = layout.folder(id);
    // The checksums are read while the parts restore: on a large set that hides their time. A
    // tampered file still wins over whatever the restore made of it.
    CompletableFuture<List<String>> tampered =
        CompletableFuture.supplyAsync(() -> checksums(id, set, folder), CHECKSUM_THREAD);
    List<PartVerification> parts;
    try {
      parts = verifyParts(id, set, folder, stores);
    } catch (RuntimeException e) {
      throwIfTampered(id, start, folder, tampered.join(), e);
      throw e;
    }
    throwIfTampered(id, start, folder, tampered.join(), null);
    List<String> problems = new ArrayList<>();
    for (PartVerification part : parts) {
      part.differences().forEach(d -> problems.add(part.store() + ": " + d));
      if (!part.verified() && part.differences().isEmpty()) {
        problems.add(part.store() + ": not verified");
      }
    }
    return record(finish(id, start, parts, problems));
  }

  private List<String> checksums(String id, BackupSet set, Path folder) {
    try (Progress bar = services.progress().start("checksum " + id, 0, Progress.Unit.BYTES)) {
      return Checksums.check(folder, files(set), List.of(), bar);
    }
  }

  private List<PartVerification> verifyParts(
      String id, BackupSet set, Path folder, List<StoreConfig> stores) {
    StoredFiles files = new StoredFiles(folder, services.encryption().forReading(set, folder));
    // pg_config runs while the scratch database is made; pg_restore is asked for only after.
    ToolLookup pgRestore =
        ToolLookup.start(
            set.parts().stream().anyMatch(p -> p.kind() == StoreConfig.Kind.POSTGRES),
            "pg_restore",
            () -> services.tools().pgRestore());
    SetWork work = services.work(id, files, stores);
    Map<String, StoreConfig> byName = StoreChecks.byName(stores);
    List<PartVerification> parts = new ArrayList<>();
    for (int i = 0; i < set.parts().size(); i++) {
      BackupPart part = set.parts().get(i);
      if (part.kind() != StoreConfig.Kind.POSTGRES) {
        pgRestore.await(); // TOOL_MISSING before another part is test-restored for nothing
      }
      parts.add(verify(part, byName.get(part.store()), work, i));
    }
    pgRestore.await();
    return parts;
  }

  private void throwIfTampered(
      String id, Instant start, Path folder, List<String> tampered, RuntimeException other) {
    if (tampered.isEmpty()) {
      return;
    }
    // Recorded first, so that `backup list` stops calling it verified.
    record(finish(id, start, List.of(), tampered));
    BackupTamperedException error = new BackupTamperedException(id, folder, tampered);
    if (other != null) {
      error.addSuppressed(other);
    }
    throw error;
  }

  private PartVerification verify(BackupPart part, StoreConfig store, SetWork work, int ordinal) {
    try {
      return services.handler(part.kind(), part.store()).verify(part, store, work, ordinal);
    } catch (IOException | SQLException e) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "Verifying store '"
              + part.store()
              + "' of backup "
              + work.id()
              + " failed: "
              + e.getMessage()
              + ". Check free disk space and the server, then verify again.",
          e);
    }
  }

  private static List<BackupFile> files(BackupSet set) {
    return set.parts().stream().flatMap(p -> p.files().stream()).toList();
  }

  private VerificationResult record(VerificationResult result) {
    try {
      services.layout().writeVerification(result);
      return result;
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "Backup "
              + result.backupId()
              + " was checked (verified: "
              + result.verified()
              + ") but the result cannot be written into "
              + services.layout().folder(result.backupId())
              + ": "
              + e
              + ". Check free disk space and permissions, then verify again.",
          e);
    }
  }

  /** Verified exactly when nothing went wrong. */
  private VerificationResult finish(
      String id, Instant start, List<PartVerification> parts, List<String> problems) {
    Instant end = services.clock().instant();
    return new VerificationResult(
        id, problems.isEmpty(), end, Duration.between(start, end), parts, problems);
  }
}
