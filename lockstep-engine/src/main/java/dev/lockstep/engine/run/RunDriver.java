package dev.lockstep.engine.run;

import dev.lockstep.core.io.Json;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.run.RollbackDecider.Decision;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a journaled run to its end: forward through the upgrade checklist it recorded, then, if a
 * step fails, back through the rollback its facts call for. It starts wherever the journal says the
 * run stands, so the same code runs a fresh upgrade and resumes one after a crash. Every change of
 * the run's state (its start, the rollback decision, its end) is one transaction in the journal.
 */
public final class RunDriver {
  private final RunContext context;
  private final Journal journal;
  private final StepExecutor executor;
  private final JournaledChecklists checklists;
  private final RollbackDecider decider = new RollbackDecider();

  public RunDriver(RunContext context) {
    this.context = context;
    this.journal = context.journal();
    this.executor =
        new StepExecutor(journal, context.listener(), context.clock(), context.crashPoints());
    this.checklists =
        new JournaledChecklists(journal, context.checklists(), context.currentConfig());
  }

  /**
   * Records a new upgrade run, the facts it starts with, and its checklist, as one change.
   *
   * @return the run's id
   */
  public String startUpgrade(
      String environment, RunReleases releases, ChecklistInputs inputs, Map<String, String> facts) {
    return journal.inTransaction(
        () -> {
          RunRecord run =
              journal.startRun(
                  RunKind.UPGRADE,
                  environment,
                  releases.previousVersion(),
                  releases.next().version().toString());
          facts.forEach((key, value) -> journal.recordFact(run.id(), key, value));
          if (facts.containsKey(RunFacts.PATH_TO) && !facts.containsKey(RunFacts.PATH_ID)) {
            journal.recordFact(run.id(), RunFacts.PATH_ID, run.id()); // a path's first hop
          }
          checklists.recordUpgrade(run.id(), releases, inputs);
          return run.id();
        });
  }

  /** The inputs run {@code runId} recorded with its first checklist, if it recorded any. */
  public java.util.Optional<ChecklistInputs> recordedInputs(String runId) {
    return checklists.firstInputs(runId);
  }

  public RunReport drive(String runId, RunReleases releases) {
    RunRecord run = journal.run(runId).orElseThrow();
    if (run.status() != RunStatus.RUNNING) {
      return rollBack(runId, releases);
    }
    RecordedChecklist upgrade = checklists.upgrade(runId, releases);
    StepExecutor.Failure failure =
        executor.runAll(runId, Phase.FORWARD, upgrade.steps(), upgrade.firstSeq());
    if (failure == null) {
      return finish(
          runId,
          RunStatus.SUCCEEDED,
          releases,
          (releases.previous() == null
                  ? "Installed "
                  : "Upgraded " + releases.previousVersion() + " → ")
              + releases.next().version()
              + ".",
          RollbackOutlook.afterSuccess(context, runId, releases));
    }
    return rollBackNow(
        runId, releases, "'" + failure.step().name() + "' failed: " + failure.error().getMessage());
  }

  /**
   * Decides from the run's facts how to undo it, and does. A run that touched nothing just ends as
   * failed.
   */
  public RunReport rollBackNow(String runId, RunReleases releases, String cause) {
    Decision decision = decide(runId, releases);
    if (decision.strategy() == RollbackStrategy.NOTHING_TO_UNDO) {
      return finish(
          runId,
          RunStatus.FAILED,
          releases,
          "The upgrade to "
              + releases.next().version()
              + " stopped before anything was changed: "
              + cause);
    }
    beginRollback(runId, decision, cause, releases);
    return rollBack(runId, releases);
  }

  /** Records the rollback decision and its checklist, and switches the run to rolling back. */
  public void beginRollback(String runId, Decision decision, String cause, RunReleases releases) {
    journal.inTransaction(
        () -> {
          RunFacts facts = new RunFacts(journal, runId);
          facts.put(RunFacts.ROLLBACK_STRATEGY, decision.strategy().name());
          facts.put(RunFacts.ROLLBACK_REASON, cause + " — " + decision.reason());
          List<String> proven = new ArrayList<>();
          proven.add(cause);
          proven.addAll(decision.proven());
          facts.put(RunFacts.ROLLBACK_PROVEN, Json.write(proven));
          facts.put(RunFacts.ROLLBACK_INFERRED, Json.write(decision.inferred()));
          checklists.recordRollback(runId, releases, decision.strategy());
          journal.setStatus(runId, RunStatus.ROLLING_BACK);
        });
    context
        .listener()
        .notice(
            "Rolling back: "
                + decision.strategy().describe(releases.previousVersion())
                + ", because "
                + decision.reason()
                + ".");
  }

  private RunReport rollBack(String runId, RunReleases releases) {
    RunFacts facts = new RunFacts(journal, runId);
    while (true) {
      RecordedChecklist rollback = checklists.rollback(runId, releases);
      RollbackStrategy strategy = rollback.inputs().strategy();
      StepExecutor.Failure failure =
          executor.runAll(runId, Phase.ROLLBACK, rollback.steps(), rollback.firstSeq());
      if (failure == null) {
        return finishRollback(runId, releases, strategy);
      }
      if (strategy == RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA
          && facts.get(RunFacts.BACKUP_VERIFIED).isPresent()) {
        beginRollback(
            runId,
            new Decision(
                RollbackStrategy.RESTORE_BACKUP,
                releases.previousVersion() + " does not work on the expanded schema"),
            failure.step().name() + " failed: " + failure.error().getMessage(),
            releases);
        continue;
      }
      String summary =
          context
              .briefing()
              .rollbackFailed(facts, strategy, releases, failure.step(), failure.error());
      return finish(runId, RunStatus.ROLLBACK_FAILED, releases, summary);
    }
  }

  private RunReport finishRollback(String runId, RunReleases releases, RollbackStrategy strategy) {
    RunRecord run = journal.run(runId).orElseThrow();
    String done =
        strategy.describeDone(
            releases.previousVersion(),
            new RunFacts(journal, runId).get(RunFacts.RESTORED_FROM).orElse(null));
    if (run.kind() == RunKind.ROLLBACK) {
      return finish(
          runId,
          RunStatus.SUCCEEDED,
          releases,
          "Rolled back from "
              + releases.next().version()
              + " to "
              + releases.previousVersion()
              + ": "
              + done
              + ".");
    }
    String reason = new RunFacts(journal, runId).get(RunFacts.ROLLBACK_REASON).orElse("");
    return finish(
        runId,
        RunStatus.ROLLED_BACK,
        releases,
        "The upgrade to "
            + releases.next().version()
            + " failed and was rolled back ("
            + done
            + "). Cause: "
            + reason);
  }

  private Decision decide(String runId, RunReleases releases) {
    // Recorded before the first service is stopped (or node drained), whatever the checklist was.
    RunFacts facts = new RunFacts(journal, runId);
    boolean servicesTouched =
        facts.get(RunFacts.SERVICES_STOPPED_AT).isPresent()
            || facts.get(RunFacts.NODES_TOUCHED_AT).isPresent();
    return decider.decide(
        releases.previous(),
        releases.next(),
        servicesTouched,
        context.rollbackFacts().appliedMigrations(runId, releases),
        context.rollbackFacts().measuredChange(runId).orElse(null));
  }

  /**
   * Does again what follows a finished run's end (dropping the snapshots nobody needs, recording
   * the schema, writing the report), for a Lockstep killed after it recorded the end and before all
   * of that was done. Each part is idempotent.
   */
  public void redoAftermath(RunRecord run) {
    context.aftermath().redo(run);
  }

  private RunReport finish(String runId, RunStatus status, RunReleases releases, String summary) {
    return finish(runId, status, releases, summary, null);
  }

  /**
   * Ends the run and records what it leaves installed (and, after a successful upgrade, which
   * rollback would undo it), as one change; then the aftermath.
   */
  private RunReport finish(
      String runId,
      RunStatus status,
      RunReleases releases,
      String summary,
      RollbackNow rollbackNow) {
    journal.inTransaction(
        () -> {
          if (rollbackNow != null) {
            journal.recordFact(runId, RunFacts.ROLLBACK_NOW, Json.write(rollbackNow));
          }
          new InstalledRelease(journal)
              .afterRun(journal.run(runId).orElseThrow(), status, releases);
          journal.finishRun(runId, status, summary);
        });
    context
        .crashPoints()
        .reached(status == RunStatus.SUCCEEDED ? Phase.FORWARD : Phase.ROLLBACK, "run", "ended");
    context.aftermath().runEnded(runId, status);
    return new ReportBuilder(journal).build(runId);
  }
}
