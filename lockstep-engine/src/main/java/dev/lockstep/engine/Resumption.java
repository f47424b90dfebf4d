package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.rehearsal.Rehearsal;
import dev.lockstep.engine.run.ReportBuilder;
import dev.lockstep.engine.run.RunDriver;
import dev.lockstep.engine.run.RunReleases;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.Optional;

/** Picks up a run whose Lockstep process died, or whose rollback failed, where it stopped. */
final class Resumption {
  private final Journal journal;
  private final Toolbox tools;
  private final RunDriver driver;
  private final ReleaseCatalog catalog;

  Resumption(Journal journal, Toolbox tools, RunDriver driver, ReleaseCatalog catalog) {
    this.journal = journal;
    this.tools = tools;
    this.driver = driver;
    this.catalog = catalog;
  }

  RunReport resume(boolean rollBack) {
    RunRecord run = resumable();
    if (!run.orphaned() && run.status() != RunStatus.ROLLBACK_FAILED) {
      throw new LockstepException(
          ErrorCode.RUN_IN_PROGRESS,
          "Run "
              + run.id()
              + " is still being driven by Lockstep process "
              + run.ownerPid()
              + "; there is nothing to resume. `lockstep status` shows where it stands.");
    }
    journal.claim(run.id());
    if (run.kind() == RunKind.REHEARSAL) {
      new Rehearsal(tools.config(), journal, catalog, tools).abandon(run.id());
      return new ReportBuilder(journal).build(run.id());
    }
    RunReleases releases = releasesOf(run, catalog);
    if (run.status() == RunStatus.ROLLBACK_FAILED) {
      tools.listener().notice("Retrying the rollback of run " + run.id() + ".");
      journal.setStatus(run.id(), RunStatus.ROLLING_BACK);
    } else if (rollBack && run.status() == RunStatus.RUNNING) {
      return driver.rollBackNow(run.id(), releases, "the operator asked to roll it back");
    } else {
      tools.listener().notice("Resuming run " + run.id() + " where it stopped.");
    }
    return driver.drive(run.id(), releases);
  }

  private RunRecord resumable() {
    Optional<RunRecord> unfinished = journal.unfinishedRun();
    if (unfinished.isPresent()) {
      return unfinished.get();
    }
    return journal
        .lastChange()
        .filter(run -> run.status() == RunStatus.ROLLBACK_FAILED)
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.NOTHING_TO_DO,
                    "There is no interrupted run to resume: every run has finished."
                        + " `lockstep history` lists them."));
  }

  /** The manifests a run moves between, from the versions the journal recorded. */
  static RunReleases releasesOf(RunRecord run, ReleaseCatalog catalog) {
    String previous = run.kind() == RunKind.UPGRADE ? run.fromVersion() : run.toVersion();
    String next = run.kind() == RunKind.UPGRADE ? run.toVersion() : run.fromVersion();
    return new RunReleases(
        previous == null ? null : catalog.get(Version.parse(previous)),
        catalog.get(Version.parse(next)));
  }
}
