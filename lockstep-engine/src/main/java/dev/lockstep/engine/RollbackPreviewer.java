package dev.lockstep.engine;

import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code lockstep rollback --dry-run}: the strategy the facts call for and why, the data-loss
 * window so far, and which databases would be kept aside. Reads the journal and the server's
 * catalog only.
 */
final class RollbackPreviewer {
  private final Journal journal;
  private final ManualRollback rollback;
  private final Toolbox tools;

  RollbackPreviewer(Journal journal, ManualRollback rollback, Toolbox tools) {
    this.journal = journal;
    this.rollback = rollback;
    this.tools = tools;
  }

  RollbackPreview preview() {
    if (rollback.resumes()) {
      return resuming();
    }
    ManualRollback.Target target = rollback.target();
    RunRecord upgrade = target.upgrade();
    RollbackStrategy strategy = target.decision().strategy();
    String previous = target.releases().previousVersion();
    Map<String, String> facts = journal.facts(upgrade.id());
    boolean mayRestore =
        strategy.restoresData() || strategy == RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA;
    List<TakenSnapshot> snapshots = mayRestore ? snapshots(facts) : List.of();
    String backupId = facts.get(RunFacts.BACKUP_ID);
    String restoreFrom = mayRestore ? restoreFrom(snapshots, backupId) : null;
    Instant since = null;
    if (mayRestore) {
      since =
          snapshots.isEmpty()
              ? Optional.ofNullable(facts.get(RunFacts.BACKUP_CREATED_AT))
                  .map(Instant::parse)
                  .orElse(null)
              : snapshots.get(0).takenAt();
    }
    Instant now = tools.clock().instant();
    List<KeptDatabase> kept = mayRestore ? kept(upgrade.id(), snapshots, backupId, now) : null;
    String description =
        strategy.restoresData()
            ? strategy.describeDone(previous, restoreFrom)
            : strategy.describe(previous);
    return new RollbackPreview(
        null,
        upgrade.id(),
        upgrade.toVersion(),
        previous,
        strategy.name().toLowerCase(java.util.Locale.ROOT),
        description,
        target.decision().reason(),
        target.decision().proven(),
        target.decision().inferred(),
        restoreFrom,
        since,
        since == null ? null : Duration.between(since, now),
        kept);
  }

  /** What can be said of a run that `rollback` would resume: what it recorded. */
  private RollbackPreview resuming() {
    RunRecord run = journal.unfinishedRun().or(() -> journal.lastChange()).orElseThrow();
    Map<String, String> facts = journal.facts(run.id());
    String strategy = facts.get(RunFacts.ROLLBACK_STRATEGY);
    return new RollbackPreview(
        run.id(),
        facts.getOrDefault(RunFacts.ROLLS_BACK_RUN, run.id()),
        run.fromVersion(),
        run.toVersion(),
        strategy == null ? null : strategy.toLowerCase(java.util.Locale.ROOT),
        "finish run "
            + run.id()
            + " ("
            + run.status().name().toLowerCase(java.util.Locale.ROOT)
            + ") and roll it back, as `lockstep resume --rollback` does",
        facts.get(RunFacts.ROLLBACK_REASON),
        List.of(),
        List.of(),
        facts.get(RunFacts.RESTORED_FROM),
        null,
        null,
        null);
  }

  /** The upgrade's snapshots: the restore swaps those back in, as {@code restore-backup} does. */
  private static List<TakenSnapshot> snapshots(Map<String, String> facts) {
    String json = facts.get(RunFacts.SNAPSHOTS);
    return json == null ? List.of() : Json.read(json, TakenSnapshot.LIST);
  }

  /** Snapshot swap for the snapshotted stores, the backup for the others. */
  private String restoreFrom(List<TakenSnapshot> snapshots, String backupId) {
    Set<String> swapped = snapshots.stream().map(TakenSnapshot::store).collect(Collectors.toSet());
    boolean fromBackup =
        tools.config().stores().stream().anyMatch(store -> !swapped.contains(store.name()));
    List<String> parts = new ArrayList<>();
    if (!snapshots.isEmpty()) {
      parts.add("snapshot swap");
    }
    if (fromBackup && backupId != null) {
      parts.add("backup " + backupId);
    }
    return parts.isEmpty() ? null : String.join(" and ", parts);
  }

  /** One per PostgreSQL store, named and described as {@code restore-backup} will keep it. */
  private List<KeptDatabase> kept(
      String upgradeRun, List<TakenSnapshot> snapshots, String backupId, Instant now) {
    Set<String> swapped = snapshots.stream().map(TakenSnapshot::store).collect(Collectors.toSet());
    Set<String> seen = new java.util.HashSet<>();
    return tools.config().stores().stream()
        .filter(store -> store.kind() == StoreConfig.Kind.POSTGRES)
        .filter(store -> seen.add(store.name()))
        .map(
            store ->
                new KeptDatabase(
                    store.name(),
                    store.database().name(),
                    KeptDatabase.nameFor(store.database().name(), upgradeRun),
                    store.database().host() + ":" + store.database().port(),
                    now,
                    swapped.contains(store.name()) ? "snapshot" : "backup " + backupId))
        .collect(Collectors.toList());
  }
}
