package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes one set. It is written into {@code <id>.partial} and renamed to {@code <id>} only when
 * every part, every checksum and the manifest are on disk, so a folder named like a backup is
 * always a complete one; a failure (a dump that fails, a full disk) deletes the partial folder.
 */
final class SetCreator {
  private final BackupServices services;

  SetCreator(BackupServices services) {
    this.services = services;
  }

  BackupSet create(List<StoreConfig> stores, BackupRequest request) {
    StoreChecks.validate(stores);
    // pg_config runs while the first connection is made; the dump asks for pg_dump only after.
    ToolLookup pgDump =
        ToolLookup.start(
            stores.stream().anyMatch(s -> s.kind() == StoreConfig.Kind.POSTGRES),
            "pg_dump",
            () -> services.tools().pgDump());
    SetLayout layout = services.layout();
    layout.removeAbandoned();
    Instant createdAt = services.clock().instant();
    String id = SetLayout.newId(createdAt);
    Path partial = layout.partialFolder(id);
    SetWork work =
        services.work(id, new StoredFiles(partial, services.encryption().forWriting()), stores);
    StoreConfig current = null;
    try {
      SecureFiles.createDirectories(layout.root());
      Files.createDirectory(partial);
      SecureFiles.restrict(partial);
      List<BackupPart> parts = new ArrayList<>();
      for (StoreConfig store : stores) {
        current = store;
        if (store.kind() != StoreConfig.Kind.POSTGRES) {
          pgDump.await(); // TOOL_MISSING before another part does its work for nothing
        }
        parts.add(services.handler(store.kind(), store.name()).create(store, work));
      }
      current = null;
      BackupSet set =
          new BackupSet(
              id,
              createdAt,
              request.runId(),
              request.release(),
              request.purpose(),
              work.files().encrypted(),
              parts.stream().mapToLong(BackupPart::bytes).sum(),
              parts);
      services.encryption().record(partial);
      SecureFiles.restrictTree(partial);
      SecureFiles.writeString(partial.resolve(SetLayout.MANIFEST), BackupManifestFile.write(set));
      Files.move(partial, layout.folder(id), StandardCopyOption.ATOMIC_MOVE);
      return set;
    } catch (IOException e) {
      throw cleanUp(
          partial,
          failure(
              id,
              current,
              "cannot write into "
                  + partial
                  + ": "
                  + e
                  + ". Check free disk space and that Lockstep may write to "
                  + layout.root()
                  + ".",
              e));
    } catch (LockstepException e) {
      throw cleanUp(
          partial,
          e.errorCode() == ErrorCode.TOOL_MISSING ? e : failure(id, current, e.getMessage(), e));
    } catch (SQLException | RuntimeException e) {
      throw cleanUp(partial, failure(id, current, e.getMessage(), e));
    }
  }

  private static LockstepException failure(
      String id, StoreConfig store, String detail, Throwable cause) {
    String where =
        store == null
            ? "Backup " + id + " failed"
            : "Backup "
                + id
                + " failed in store '"
                + store.name()
                + "' ("
                + StoreChecks.describe(store)
                + ")";
    return new LockstepException(
        ErrorCode.BACKUP_FAILED, where + "; no backup was kept. " + detail, cause);
  }

  private static LockstepException cleanUp(Path partial, LockstepException error) {
    SetWork.delete(partial, error);
    return error;
  }
}
