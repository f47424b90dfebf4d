package dev.lockstep.engine.run;

import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.run.RollbackDecider.Decision;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.Checklists;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.StopServicesStep;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.List;

/**
 * Drives a journaled run to its end: forward through the upgrade checklist, then, if a step fails,
 * back through the rollback its facts call for. It starts wherever the journal says the run stands,
 * so the same code runs a fresh upgrade and resumes one after a crash.
 */
public final class RunDriver {
  private final Journal journal;
  private final Toolbox tools;
  private final StepExecutor executor;
  private final RollbackDecider decider = new RollbackDecider();

  public RunDriver(Journal journal, Toolbox tools, CrashPoints crashPoints) {
    this.journal = journal;
    this.tools = tools;
    this.executor = new StepExecutor(journal, tools, crashPoints);
  }

  public RunReport drive(String runId, RunReleases releases) {
    RunFacts facts = new RunFacts(journal, runId);
    RunRecord run = journal.run(runId).orElseThrow();
    if (run.status() == RunStatus.RUNNING) {
      List<Step> steps =
          Checklists.upgrade(
              tools,
              releases.previous(),
              releases.next(),
              facts.get(RunFacts.ACCEPT_UNVERIFIED).orElse(null));
      StepExecutor.Failure failure = executor.runAll(runId, Phase.FORWARD, steps, 1);
      if (failure == null) {
        return finish(
            runId,
            RunStatus.SUCCEEDED,
            releases.next().version().toString(),
            (releases.previous() == null
                    ? "Installed "
                    : "Upgraded " + releases.previousVersion() + " → ")
                + releases.next().version()
                + ".");
      }
      return rollBackNow(
          runId,
          releases,
          "'" + failure.step().name() + "' failed: " + failure.error().getMessage());
    }
    return rollBack(runId, releases, facts);
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
          releases.previousVersion(),
          "The upgrade to "
              + releases.next().version()
              + " stopped before anything was changed: "
              + cause);
    }
    beginRollback(runId, decision, cause, releases);
    return rollBack(runId, releases, new RunFacts(journal, runId));
  }

  /** Records the rollback decision, then switches the run to rolling back. */
  public void beginRollback(String runId, Decision decision, String cause, RunReleases releases) {
    RunFacts facts = new RunFacts(journal, runId);
    facts.put(RunFacts.ROLLBACK_STRATEGY, decision.strategy().name());
    facts.put(RunFacts.ROLLBACK_REASON, cause + " — " + decision.reason());
    facts.put(RunFacts.ROLLBACK_FIRST_STEP, String.valueOf(journal.steps(runId).size() + 1));
    journal.setStatus(runId, RunStatus.ROLLING_BACK);
    tools
        .listener()
        .notice(
            "Rolling back: "
                + decision.strategy().describe(releases.previousVersion())
                + ", because "
                + decision.reason()
                + ".");
  }

  private RunReport rollBack(String runId, RunReleases releases, RunFacts facts) {
    while (true) {
      RollbackStrategy strategy =
          RollbackStrategy.valueOf(facts.get(RunFacts.ROLLBACK_STRATEGY).orElseThrow());
      int firstStep = Integer.parseInt(facts.get(RunFacts.ROLLBACK_FIRST_STEP).orElseThrow());
      List<Step> steps = Checklists.rollback(tools, strategy, releases.previous());
      StepExecutor.Failure failure = executor.runAll(runId, Phase.ROLLBACK, steps, firstStep);
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
          new OperatorBriefing(tools, facts)
              .rollbackFailed(strategy, releases, failure.step(), failure.error());
      journal.finishRun(runId, RunStatus.ROLLBACK_FAILED, summary);
      new SnapshotJanitor(tools, journal).afterRun();
      new ReportBuilder(journal).write(runId, tools.config().reportsDir());
      return new ReportBuilder(journal).build(runId);
    }
  }

  private RunReport finishRollback(String runId, RunReleases releases, RollbackStrategy strategy) {
    RunRecord run = journal.run(runId).orElseThrow();
    String reason = new RunFacts(journal, runId).get(RunFacts.ROLLBACK_REASON).orElse("");
    if (run.kind() == RunKind.ROLLBACK) {
      return finish(
          runId,
          RunStatus.SUCCEEDED,
          releases.previousVersion(),
          "Rolled back from "
              + releases.next().version()
              + " to "
              + releases.previousVersion()
              + ": "
              + strategy.describe(releases.previousVersion())
              + ".");
    }
    return finish(
        runId,
        RunStatus.ROLLED_BACK,
        releases.previousVersion(),
        "The upgrade to "
            + releases.next().version()
            + " failed and was rolled back ("
            + strategy.describe(releases.previousVersion())
            + "). Cause: "
            + reason);
  }

  private Decision decide(String runId, RunReleases releases) {
    boolean servicesTouched =
        journal.steps(runId).stream()
            .anyMatch(s -> s.phase() == Phase.FORWARD && s.name().equals(StopServicesStep.NAME));
    return decider.decide(
        releases.previous(),
        releases.next(),
        servicesTouched,
        new AppliedMigrations(tools, journal).versions(runId),
        MeasuredChange.of(new SchemaRecords(tools.config()), runId).orElse(null));
  }

  /** The schema a finished run leaves is what the next run measures drift against. */
  private void recordSchema(RunStatus status) {
    if (status == RunStatus.SUCCEEDED || status == RunStatus.ROLLED_BACK) {
      try {
        new SchemaRecords(tools.config()).recordCurrent();
      } catch (RuntimeException e) {
        tools.listener().notice("Could not record the schema for drift checks: " + e.getMessage());
      }
    }
  }

  private RunReport finish(String runId, RunStatus status, String installed, String summary) {
    if (installed != null) {
      journal.setInstalled(installed, runId);
    } else if (status != RunStatus.FAILED) {
      journal.clearInstalled();
    }
    journal.finishRun(runId, status, summary);
    new SnapshotJanitor(tools, journal).afterRun();
    recordSchema(status);
    ReportBuilder reports = new ReportBuilder(journal);
    reports.write(runId, tools.config().reportsDir());
    return reports.build(runId);
  }
}
