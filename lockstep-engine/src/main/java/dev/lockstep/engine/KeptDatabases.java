package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.engine.steps.RestoreBackupStep;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code lockstep kept list|drop}: the databases rollbacks replaced and kept aside, with what the
 * failed release wrote. Only a database a rollback of this journal recorded can be dropped, so a
 * typo never drops someone else's database.
 */
public final class KeptDatabases {
  /**
   * One kept database.
   *
   * @param runId the rollback (or rolled-back upgrade) that kept it
   * @param present whether it is still on the server (a rollback interrupted before its rename
   *     records the name without the database)
   */
  public record Entry(String runId, KeptDatabase database, boolean present) {}

  private final Supplier<Journal> journal;
  private final List<StoreConfig> stores;
  private final DeploymentBackups.StateLocking locking;
  private final Clock clock;

  KeptDatabases(
      Supplier<Journal> journal,
      List<StoreConfig> stores,
      DeploymentBackups.StateLocking locking,
      Clock clock) {
    this.journal = journal;
    this.stores = stores;
    this.locking = locking;
    this.clock = clock;
  }

  /** Every kept database not dropped yet, oldest first. */
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    for (RunRecord run : journal.get().runs()) {
      Map<String, String> facts = journal.get().facts(run.id());
      String json = facts.get(RunFacts.KEPT_DATABASES);
      if (json == null) {
        continue;
      }
      for (KeptDatabase kept : Json.read(json, RestoreBackupStep.KEPT_LIST)) {
        if (!facts.containsKey(RunFacts.KEPT_DROPPED + kept.kept())) {
          entries.add(new Entry(run.id(), kept, admin(kept).exists(kept.kept())));
        }
      }
    }
    return entries;
  }

  /** Drops the kept database {@code name}; the journal records that it was dropped. */
  public Entry drop(String name) {
    return locking.locked(
        () -> {
          Entry entry =
              list().stream()
                  .filter(e -> e.database().kept().equals(name))
                  .findFirst()
                  .orElseThrow(() -> unknown(name));
          admin(entry.database()).drop(name);
          journal
              .get()
              .recordFact(entry.runId(), RunFacts.KEPT_DROPPED + name, clock.instant().toString());
          return entry;
        });
  }

  private ServerAdmin admin(KeptDatabase kept) {
    DatabaseConfig db =
        server(kept)
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.CONFIG_INVALID,
                        "Database "
                            + kept.kept()
                            + " was kept for store '"
                            + kept.store()
                            + "', which the configuration no longer has. Fix: put the store"
                            + " back, or drop the database by hand on "
                            + kept.server()
                            + "."));
    return new ServerAdmin(new Database(db), ErrorCode.RESTORE_FAILED);
  }

  private Optional<DatabaseConfig> server(KeptDatabase kept) {
    return stores.stream()
        .filter(s -> s.name().equals(kept.store()) && s.kind() == StoreConfig.Kind.POSTGRES)
        .map(StoreConfig::database)
        .findFirst();
  }

  private LockstepException unknown(String name) {
    List<String> names = list().stream().map(e -> e.database().kept()).toList();
    return new LockstepException(
        ErrorCode.USAGE,
        "No rollback kept a database named '"
            + name
            + "'. "
            + (names.isEmpty()
                ? "No kept database is waiting to be dropped."
                : "Kept now: " + String.join(", ", names) + ".")
            + " Fix: pass a name `lockstep kept list` prints.");
  }
}
