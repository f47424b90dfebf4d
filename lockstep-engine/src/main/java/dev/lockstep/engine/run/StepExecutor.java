package dev.lockstep.engine.run;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs a list of steps, journaling each one before it starts and after it ends. Steps the journal
 * already shows as succeeded are skipped, and one left half-done by a crash is run again.
 */
final class StepExecutor {
  static final String INTERRUPTED = "interrupted: Lockstep stopped during this step; repeated";

  /** The step that failed and why. */
  record Failure(Step step, LockstepException error) {}

  private final Journal journal;
  private final Toolbox tools;
  private final CrashPoints crashPoints;

  StepExecutor(Journal journal, Toolbox tools, CrashPoints crashPoints) {
    this.journal = journal;
    this.tools = tools;
    this.crashPoints = crashPoints;
  }

  /**
   * Runs {@code steps} from where the journal's records of {@code phase} (from sequence number
   * {@code fromSeq} on) left off; returns the failure, or null when every step succeeded.
   */
  Failure runAll(String runId, Phase phase, List<Step> steps, int fromSeq) {
    RunFacts facts = new RunFacts(journal, runId);
    for (int i = resumePoint(runId, phase, fromSeq); i < steps.size(); i++) {
      Step step = steps.get(i);
      try {
        execute(runId, phase, step, i + 1, steps.size(), facts);
      } catch (LockstepException e) {
        return new Failure(step, e);
      } catch (RuntimeException e) {
        return new Failure(
            step,
            new LockstepException(
                ErrorCode.INTERNAL, step.name() + " failed unexpectedly: " + e, e));
      }
    }
    return null;
  }

  private void execute(
      String runId, Phase phase, Step step, int number, int total, RunFacts facts) {
    int seq = journal.stepStarted(runId, step.name(), phase);
    crashPoints.reached(phase, step.name(), "started");
    tools.listener().stepStarted(phase, number, total, step.description());
    Instant started = tools.clock().instant();
    try {
      String detail = step.run(facts);
      journal.stepFinished(runId, seq, StepStatus.SUCCEEDED, detail);
      tools.listener().stepSucceeded(phase, step.description(), since(started), detail);
    } catch (RuntimeException e) {
      journal.stepFinished(runId, seq, StepStatus.FAILED, e.getMessage());
      tools.listener().stepFailed(phase, step.description(), since(started), e.getMessage());
      throw e;
    }
    crashPoints.reached(phase, step.name(), "finished");
  }

  /** How many steps of the phase already succeeded; marks a step cut short by a crash. */
  private int resumePoint(String runId, Phase phase, int fromSeq) {
    List<StepRecord> records =
        journal.steps(runId).stream()
            .filter(record -> record.phase() == phase && record.seq() >= fromSeq)
            .toList();
    for (StepRecord record : records) {
      if (record.status() == StepStatus.STARTED) {
        journal.stepFinished(runId, record.seq(), StepStatus.FAILED, INTERRUPTED);
        tools.listener().notice("Repeating '" + record.name() + "', which a crash interrupted.");
      }
    }
    return (int) records.stream().filter(r -> r.status() == StepStatus.SUCCEEDED).count();
  }

  private Duration since(Instant started) {
    return Duration.between(started, tools.clock().instant());
  }
}
