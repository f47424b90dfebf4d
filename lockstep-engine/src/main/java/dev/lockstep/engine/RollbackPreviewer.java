package dev.lockstep.engine;

import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.engine.run.RollbackOutlook;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    String previous = target.releases().previousVersion();
    Map<String, String> facts = journal.facts(upgrade.id());
    // The same words a successful upgrade's report recorded, from the same facts.
    RollbackNow now =
        RollbackOutlook.of(
            target.decision(),
            previous,
            facts,
            tools.config().stores().stream().map(StoreConfig::name).toList());
    Instant instant = tools.clock().instant();
    RollbackStrategy strategy = target.decision().strategy();
    boolean mayRestore =
        strategy.restoresData() || strategy == RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA;
    List<KeptDatabase> kept =
        mayRestore
            ? kept(upgrade.id(), RollbackOutlook.snapshots(facts), now.backupId(), instant)
            : null;
    return new RollbackPreview(
        null,
        upgrade.id(),
        upgrade.toVersion(),
        previous,
        now.strategy(),
        now.description(),
        now.reason(),
        now.proven(),
        now.inferred(),
        now.restoreFrom(),
        now.dataLossSince(),
        now.dataLossSince() == null ? null : Duration.between(now.dataLossSince(), instant),
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
