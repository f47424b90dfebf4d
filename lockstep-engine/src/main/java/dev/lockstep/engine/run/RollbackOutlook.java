package dev.lockstep.engine.run;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.engine.run.RollbackDecider.Decision;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which rollback would undo an upgrade that succeeded, from the decision and the upgrade's facts
 * (its backup and snapshots): what a successful run records for its report, and what {@code
 * lockstep rollback --dry-run} says later from the same facts.
 */
public final class RollbackOutlook {
  private RollbackOutlook() {}

  /**
   * After an upgrade that succeeded: the rollback that would undo it, decided as a failure's
   * rollback would be and from the same facts {@code lockstep rollback} uses; null after an install
   * (there is nothing to roll back to), or when the facts cannot be read, which does not fail the
   * run.
   */
  static RollbackNow afterSuccess(RunContext context, String runId, RunReleases releases) {
    RunRecord run = context.journal().run(runId).orElseThrow();
    if (run.kind() != RunKind.UPGRADE || releases.previous() == null) {
      return null;
    }
    try {
      Decision decision =
          new RollbackDecider()
              .decide(
                  releases.previous(),
                  releases.next(),
                  true,
                  context.rollbackFacts().appliedMigrations(runId, releases),
                  context.rollbackFacts().measuredChange(runId).orElse(null));
      return of(
          decision,
          releases.previousVersion(),
          context.journal().facts(runId),
          context.currentConfig().storeNames());
    } catch (LockstepException e) {
      context
          .listener()
          .notice(
              "Rollback now: cannot be told ("
                  + e.getMessage()
                  + "); `lockstep rollback --dry-run` works it out.");
      return null;
    }
  }

  /**
   * @param previous the release the rollback would return to
   * @param upgradeFacts the facts of the upgrade it would undo
   * @param stores the names of the config's stores: those without a snapshot come from the backup
   */
  public static RollbackNow of(
      Decision decision,
      String previous,
      Map<String, String> upgradeFacts,
      Collection<String> stores) {
    RollbackStrategy strategy = decision.strategy();
    // A revert on the expanded schema restores after all if the previous release fails its checks.
    boolean mayRestore =
        strategy.restoresData() || strategy == RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA;
    List<TakenSnapshot> snapshots = mayRestore ? snapshots(upgradeFacts) : List.of();
    String backupId = mayRestore ? upgradeFacts.get(RunFacts.BACKUP_ID) : null;
    String restoreFrom = mayRestore ? restoreFrom(snapshots, backupId, stores) : null;
    Instant since = null;
    if (mayRestore) {
      since =
          snapshots.isEmpty()
              ? java.util.Optional.ofNullable(upgradeFacts.get(RunFacts.BACKUP_CREATED_AT))
                  .map(Instant::parse)
                  .orElse(null)
              : snapshots.get(0).takenAt();
    }
    return new RollbackNow(
        strategy.name().toLowerCase(Locale.ROOT),
        strategy.restoresData()
            ? strategy.describeDone(previous, restoreFrom)
            : strategy.describe(previous),
        decision.reason(),
        decision.proven(),
        decision.inferred(),
        restoreFrom,
        backupId,
        since);
  }

  /** The upgrade's snapshots: a restore swaps those back in. */
  public static List<TakenSnapshot> snapshots(Map<String, String> facts) {
    String json = facts.get(RunFacts.SNAPSHOTS);
    return json == null ? List.of() : Json.read(json, TakenSnapshot.LIST);
  }

  /** Snapshot swap for the snapshotted stores, the backup for the others; null for neither. */
  static String restoreFrom(
      List<TakenSnapshot> snapshots, String backupId, Collection<String> stores) {
    Set<String> swapped = snapshots.stream().map(TakenSnapshot::store).collect(Collectors.toSet());
    boolean fromBackup = stores.stream().anyMatch(store -> !swapped.contains(store));
    List<String> parts = new ArrayList<>();
    if (!snapshots.isEmpty()) {
      parts.add("snapshot swap");
    }
    if (fromBackup && backupId != null) {
      parts.add("backup " + backupId);
    }
    return parts.isEmpty() ? null : String.join(" and ", parts);
  }
}
