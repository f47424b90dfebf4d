package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.run.InstalledRelease;
import dev.lockstep.engine.run.RollbackDecider;
import dev.lockstep.engine.run.RollbackFacts;
import dev.lockstep.engine.run.RunDriver;
import dev.lockstep.engine.run.RunReleases;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code lockstep rollback}: undoes the upgrade that installed the current release, with the
 * strategy its facts call for, as a run of its own.
 */
final class ManualRollback {
  private static final List<String> INHERITED_FACTS =
      List.of(
          RunFacts.BACKUP_ID,
          RunFacts.BACKUP_CREATED_AT,
          RunFacts.BACKUP_VERIFIED,
          RunFacts.VERIFICATION_OVERRIDE,
          RunFacts.SNAPSHOTS);

  private final Journal journal;
  private final RunDriver driver;
  private final ReleaseCatalog catalog;
  private final RollbackFacts rollbackFacts;
  private final Supplier<Resumption> resumption;

  ManualRollback(
      Journal journal,
      RunDriver driver,
      ReleaseCatalog catalog,
      RollbackFacts rollbackFacts,
      Supplier<Resumption> resumption) {
    this.journal = journal;
    this.driver = driver;
    this.catalog = catalog;
    this.rollbackFacts = rollbackFacts;
    this.resumption = resumption;
  }

  /** The upgrade a rollback would undo now, its releases, and how. */
  record Target(RunRecord upgrade, RunReleases releases, RollbackDecider.Decision decision) {}

  /** True when {@code lockstep rollback} would resume a run rather than start one. */
  boolean resumes() {
    return journal.unfinishedRun().isPresent()
        || journal.lastChange().map(RunRecord::status).orElse(null) == RunStatus.ROLLBACK_FAILED;
  }

  /** The upgrade that installed the current release, and the rollback its facts call for. */
  Target target() {
    String installed =
        journal.installed().orElseThrow(() -> nothing("no release is installed")).version();
    RunRecord upgrade =
        new InstalledRelease(journal)
            .installer()
            .filter(run -> run.fromVersion() != null)
            .orElseThrow(
                () ->
                    nothing(
                        "no upgrade from an earlier release installed "
                            + installed
                            + " (`lockstep history` lists the runs)"));
    RunReleases releases = Resumption.releasesOf(upgrade, catalog);
    RollbackDecider.Decision decision =
        new RollbackDecider()
            .decide(
                releases.previous(),
                releases.next(),
                true,
                rollbackFacts.appliedMigrations(upgrade.id(), releases),
                rollbackFacts.measuredChange(upgrade.id()).orElse(null));
    return new Target(upgrade, releases, decision);
  }

  RunReport rollback() {
    if (resumes()) {
      return resumption.get().resume(true);
    }
    Target target = target();
    RunRecord upgrade = target.upgrade();
    String runId =
        journal.inTransaction(
            () -> {
              RunRecord run =
                  journal.startRun(
                      RunKind.ROLLBACK,
                      upgrade.environment(),
                      upgrade.toVersion(),
                      upgrade.fromVersion());
              Map<String, String> facts = journal.facts(upgrade.id());
              for (String key : INHERITED_FACTS) {
                if (facts.containsKey(key)) {
                  journal.recordFact(run.id(), key, facts.get(key));
                }
              }
              journal.recordFact(run.id(), RunFacts.ROLLS_BACK_RUN, upgrade.id());
              driver.beginRollback(
                  run.id(),
                  target.decision(),
                  "the operator asked to roll back " + upgrade.id(),
                  target.releases());
              return run.id();
            });
    return driver.drive(runId, target.releases());
  }

  private static LockstepException nothing(String why) {
    return new LockstepException(
        ErrorCode.NOTHING_TO_DO, "There is nothing to roll back: " + why + ".");
  }
}
