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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Replaces live stores with parts of a set, in two phases: first every chosen part is checked
 * (checksums, key), decrypted and staged without touching anything live; only then is each live
 * store replaced, in the set's order. A failure in the second phase says which stores were restored
 * and which were not.
 */
final class SetRestorer {
  private final BackupServices services;

  SetRestorer(BackupServices services) {
    this.services = services;
  }

  RestoreResult restore(
      String id,
      List<StoreConfig> stores,
      Predicate<StoreConfig> which,
      boolean everyPart,
      Map<String, String> keepAside) {
    Instant start = services.clock().instant();
    BackupSet set = services.layout().manifest(id);
    Path folder = services.layout().folder(id);
    Map<BackupPart, StoreConfig> chosen = choose(set, StoreChecks.byName(stores), which, everyPart);
    if (chosen.keySet().stream().anyMatch(p -> p.kind() == StoreConfig.Kind.POSTGRES)) {
      services.tools().pgRestore(); // TOOL_MISSING before anything is touched
    }
    List<String> tampered;
    try (Progress bar = services.progress().start("checksum " + id, 0, Progress.Unit.BYTES)) {
      List<BackupFile> files = chosen.keySet().stream().flatMap(p -> p.files().stream()).toList();
      List<String> folders = chosen.keySet().stream().map(BackupPart::folder).toList();
      tampered = Checksums.check(folder, files, folders, bar);
    }
    if (!tampered.isEmpty()) {
      throw new BackupTamperedException(id, folder, tampered);
    }
    StoredFiles files = new StoredFiles(folder, services.encryption().forReading(set, folder));
    SetWork work = services.work(id, files, stores, keepAside);
    List<PartHandler.Prepared> prepared = new ArrayList<>();
    List<String> restored = new ArrayList<>();
    try {
      for (Map.Entry<BackupPart, StoreConfig> part : chosen.entrySet()) {
        prepared.add(prepare(part.getKey(), part.getValue(), work));
      }
      int i = 0;
      for (BackupPart part : chosen.keySet()) {
        apply(prepared.get(i++), part, id, restored, chosen);
        restored.add(part.store());
      }
    } catch (Throwable e) {
      close(prepared, e);
      throw e;
    }
    close(prepared, null);
    return new RestoreResult(id, restored, Duration.between(start, services.clock().instant()));
  }

  /** Deletes what preparing wrote; a failure to do so never hides the restore's own failure. */
  private static void close(List<PartHandler.Prepared> prepared, Throwable error) {
    for (PartHandler.Prepared part : prepared) {
      try {
        part.close();
      } catch (RuntimeException e) {
        if (error == null) {
          throw e;
        }
        error.addSuppressed(e);
      }
    }
  }

  /** The parts to restore, each with its store, in the set's order. */
  private static Map<BackupPart, StoreConfig> choose(
      BackupSet set,
      Map<String, StoreConfig> stores,
      Predicate<StoreConfig> which,
      boolean everyPart) {
    Map<BackupPart, StoreConfig> chosen = new LinkedHashMap<>();
    for (BackupPart part : set.parts()) {
      StoreConfig store = stores.get(part.store());
      if (store == null || store.kind() != part.kind()) {
        if (everyPart) {
          throw refused(
              set,
              "it holds the "
                  + part.kind().name().toLowerCase(java.util.Locale.ROOT)
                  + " store '"
                  + part.store()
                  + "', which the configuration "
                  + (store == null ? "does not have" : "declares as another kind")
                  + ". Fix: add it to stores as it was, or restore only the other stores.");
        }
        continue;
      }
      if (which.test(store)) {
        chosen.put(part, store);
      }
    }
    if (chosen.isEmpty()) {
      throw refused(
          set,
          "none of the stores chosen is in it (it holds "
              + String.join(", ", set.parts().stream().map(BackupPart::store).toList())
              + ").");
    }
    return chosen;
  }

  private PartHandler.Prepared prepare(BackupPart part, StoreConfig store, SetWork work) {
    try {
      return services.handler(part.kind(), part.store()).prepareRestore(part, store, work);
    } catch (IOException | SQLException e) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Preparing store '"
              + part.store()
              + "' of backup "
              + work.id()
              + " failed: "
              + e.getMessage()
              + ". Nothing was restored. Check free disk space, then run the restore again.",
          e);
    }
  }

  private static void apply(
      PartHandler.Prepared prepared,
      BackupPart part,
      String id,
      List<String> restored,
      Map<BackupPart, StoreConfig> chosen) {
    try {
      prepared.apply();
    } catch (IOException | SQLException | RuntimeException e) {
      List<String> untouched =
          chosen.keySet().stream()
              .map(BackupPart::store)
              .filter(s -> !restored.contains(s) && !s.equals(part.store()))
              .toList();
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Restoring backup "
              + id
              + " failed in store '"
              + part.store()
              + "': "
              + e.getMessage()
              + "\nRestored already: "
              + (restored.isEmpty() ? "none" : String.join(", ", restored))
              + ". Not touched: "
              + (untouched.isEmpty() ? "none" : String.join(", ", untouched))
              + ". Backup "
              + id
              + " is intact: fix the cause and run the restore again.",
          e);
    }
  }

  private static LockstepException refused(BackupSet set, String why) {
    return new LockstepException(
        ErrorCode.RESTORE_REFUSED, "Backup " + set.id() + " cannot be restored: " + why);
  }
}
