package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.run.AppliedMigrations;
import dev.lockstep.engine.run.MeasuredChange;
import dev.lockstep.engine.run.RollbackDecider;
import dev.lockstep.engine.run.RunDriver;
import dev.lockstep.engine.run.RunReleases;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.List;
import java.util.Map;

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
  private final Toolbox tools;
  private final RunDriver driver;
  private final ReleaseCatalog catalog;

  ManualRollback(Journal journal, Toolbox tools, RunDriver driver, ReleaseCatalog catalog) {
    this.journal = journal;
    this.tools = tools;
    this.driver = driver;
    this.catalog = catalog;
  }

  RunReport rollback() {
    if (journal.unfinishedRun().isPresent()
        || journal.lastChange().map(RunRecord::status).orElse(null) == RunStatus.ROLLBACK_FAILED) {
      return new Resumption(journal, tools, driver, catalog).resume(true);
    }
    Installed installed = journal.installed().orElseThrow(() -> nothing("no release is installed"));
    RunRecord upgrade =
        journal
            .run(installed.runId())
            .filter(run -> run.kind() == RunKind.UPGRADE && run.status() == RunStatus.SUCCEEDED)
            .filter(run -> run.fromVersion() != null)
            .orElseThrow(
                () ->
                    nothing(
                        installed.version()
                            + " was not installed by an upgrade from an earlier release"));
    RunReleases releases = Resumption.releasesOf(upgrade, catalog);
    RunRecord run =
        journal.startRun(
            RunKind.ROLLBACK, upgrade.environment(), upgrade.toVersion(), upgrade.fromVersion());
    Map<String, String> facts = journal.facts(upgrade.id());
    for (String key : INHERITED_FACTS) {
      if (facts.containsKey(key)) {
        journal.recordFact(run.id(), key, facts.get(key));
      }
    }
    journal.recordFact(run.id(), RunFacts.ROLLS_BACK_RUN, upgrade.id());
    RollbackDecider.Decision decision =
        new RollbackDecider()
            .decide(
                releases.previous(),
                releases.next(),
                true,
                new AppliedMigrations(tools, journal).versions(upgrade.id(), releases),
                MeasuredChange.of(new SchemaRecords(tools.config()), upgrade.id()).orElse(null));
    driver.beginRollback(
        run.id(), decision, "the operator asked to roll back " + upgrade.id(), releases);
    return driver.drive(run.id(), releases);
  }

  private static LockstepException nothing(String why) {
    return new LockstepException(
        ErrorCode.NOTHING_TO_DO, "There is nothing to roll back: " + why + ".");
  }
}
