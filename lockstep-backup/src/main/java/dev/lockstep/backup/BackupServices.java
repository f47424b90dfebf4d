package dev.lockstep.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.postgres.PgTools;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What creating, verifying, restoring and pruning sets share: one per {@link BackupStore}. */
record BackupServices(
    SetLayout layout,
    BackupConfig settings,
    SetEncryption encryption,
    PgTools tools,
    Progress.Factory progress,
    Clock clock,
    Duration commandDeadline) {

  /** How many recent sets are searched for the size of a command store's last dump. */
  private static final int RECENT = 5;

  SetWork work(String id, StoredFiles files, List<StoreConfig> stores) {
    return work(id, files, stores, java.util.Map.of());
  }

  SetWork work(
      String id, StoredFiles files, List<StoreConfig> stores, java.util.Map<String, String> keep) {
    return new SetWork(
        id,
        files,
        layout,
        settings,
        tools,
        progress,
        secrets(stores),
        productDatabase(stores),
        keep);
  }

  /** The runner's secrets (the deployment's), and those of these stores and of the backup key. */
  private SecretRegistry secrets(List<StoreConfig> stores) {
    List<Secret> more = new ArrayList<>();
    stores.stream()
        .filter(store -> store.database() != null)
        .forEach(store -> more.add(store.database().password()));
    if (settings.encryptionKey() != null) {
      more.add(settings.encryptionKey());
    }
    return tools.runner().secrets().with(more);
  }

  /** The product's database is the first PostgreSQL store. */
  private static DatabaseConfig productDatabase(List<StoreConfig> stores) {
    return stores.stream()
        .map(StoreConfig::database)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  PartHandler handler(StoreConfig.Kind kind, String store) {
    return switch (kind) {
      case POSTGRES -> new PostgresPart();
      case FILES -> new FilesPart();
      case COMMAND -> new CommandPart(commandDeadline, previousBytes(store));
    };
  }

  /** The size of {@code store}'s part in the newest recent set that has one, or 0. */
  private long previousBytes(String store) {
    List<String> ids = layout.ids();
    for (int i = ids.size() - 1; i >= Math.max(0, ids.size() - RECENT); i--) {
      try {
        var part = layout.manifest(ids.get(i)).part(store);
        if (part.isPresent()) {
          return part.get().bytes();
        }
      } catch (RuntimeException e) {
        // Only an estimate for a progress bar: an unreadable manifest is skipped.
      }
    }
    return 0;
  }
}
