package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.ChecklistInputs;
import dev.lockstep.engine.run.ConfigShape;
import dev.lockstep.engine.run.RunDriver;
import dev.lockstep.engine.run.RunReleases;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.Optional;

/**
 * Picks up a run whose Lockstep process died, or whose rollback failed, where it stopped: it
 * replays the checklist the run recorded, never one rebuilt from today's config, and refuses a
 * config that would make the run act on something else. Service processes the dead Lockstep started
 * but never recorded are stopped first.
 */
final class Resumption {
  private final Journal journal;
  private final RunDriver driver;
  private final ReleaseCatalog catalog;
  private final ConfigShape currentConfig;
  private final RunListener listener;
  private final RehearsalResumption rehearsals;
  private final Runnable stopUnrecordedProcesses;

  Resumption(
      Journal journal,
      RunDriver driver,
      ReleaseCatalog catalog,
      ConfigShape currentConfig,
      RunListener listener,
      RehearsalResumption rehearsals,
      Runnable stopUnrecordedProcesses) {
    this.journal = journal;
    this.driver = driver;
    this.catalog = catalog;
    this.currentConfig = currentConfig;
    this.listener = listener;
    this.rehearsals = rehearsals;
    this.stopUnrecordedProcesses = stopUnrecordedProcesses;
  }

  /** What resumes an interrupted rehearsal (it never touched production). */
  interface RehearsalResumption {
    RunReport resume(RunRecord run, boolean rollBack);
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
    if (run.kind() == RunKind.REHEARSAL) {
      journal.claim(run.id());
      return rehearsals.resume(run, rollBack);
    }
    RunReleases releases = releasesOf(run, catalog);
    boolean forward = run.status() == RunStatus.RUNNING && !rollBack;
    Optional<ChecklistInputs> recorded = driver.recordedInputs(run.id());
    if (recorded.isPresent()) {
      new ConfigChangeCheck(listener)
          .check(run.id(), recorded.get().configShape(), currentConfig, forward);
    } else {
      listener.notice(
          "Run "
              + run.id()
              + " was started by a Lockstep that did not record its checklist; its journaled"
              + " steps are matched one by one with today's checklist.");
    }
    journal.claim(run.id());
    // Before any step touches the services: what the dead Lockstep started and never recorded
    // would hold their ports and answer their checks.
    stopUnrecordedProcesses.run();
    if (run.status() == RunStatus.ROLLBACK_FAILED) {
      listener.notice("Retrying the rollback of run " + run.id() + ".");
      journal.setStatus(run.id(), RunStatus.ROLLING_BACK);
    } else if (rollBack && run.status() == RunStatus.RUNNING) {
      return driver.rollBackNow(run.id(), releases, "the operator asked to roll it back");
    } else {
      listener.notice("Resuming run " + run.id() + " where it stopped.");
    }
    return driver.drive(run.id(), releases);
  }

  private RunRecord resumable() {
    Optional<RunRecord> unfinished = journal.unfinishedRun();
    if (unfinished.isPresent()) {
      return unfinished.get();
    }
    Optional<RunRecord> last = journal.lastChange();
    if (last.isPresent() && last.get().status() == RunStatus.ROLLBACK_FAILED) {
      return last.get();
    }
    // A Lockstep killed just after recording a run's end may not have tidied up after it.
    last.ifPresent(driver::redoAftermath);
    throw new LockstepException(
        ErrorCode.NOTHING_TO_DO,
        "There is no interrupted run to resume: every run has finished."
            + " `lockstep history` lists them.");
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
