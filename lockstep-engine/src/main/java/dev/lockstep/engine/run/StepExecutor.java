package dev.lockstep.engine.run;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs a checklist, journaling each step before it starts and, with the facts it records at its
 * end, after it ends. Steps the journal shows as succeeded are skipped, matched by identity, and
 * one left half-done by a crash is run again.
 */
public final class StepExecutor {
  static final String INTERRUPTED = "interrupted: Lockstep stopped during this step; repeated";

  /** The step that failed and why. */
  public record Failure(Step step, LockstepException error) {}

  private final Journal journal;
  private final RunListener listener;
  private final Clock clock;
  private final CrashPoints crashPoints;

  public StepExecutor(Journal journal, RunListener listener, Clock clock, CrashPoints crashPoints) {
    this.journal = journal;
    this.listener = listener;
    this.clock = clock;
    this.crashPoints = crashPoints;
  }

  /**
   * Runs {@code steps} from where the journal's records of {@code phase} (from sequence number
   * {@code firstSeq} on) left off; returns the failure, or null when every step succeeded.
   *
   * @throws LockstepException when the journal's records do not follow {@code steps}
   */
  public Failure runAll(String runId, Phase phase, List<Step> steps, int firstSeq) {
    RunFacts facts = new RunFacts(journal, runId);
    for (int i = resumePoint(runId, phase, steps, firstSeq); i < steps.size(); i++) {
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
    listener.stepStarted(phase, number, total, step.description());
    Instant started = clock.instant();
    String detail;
    try {
      if (step.stopsServices() && facts.get(RunFacts.SERVICES_STOPPED_AT).isEmpty()) {
        step.beforeServicesStop(facts);
        if (phase == Phase.FORWARD) {
          listener.downtimeStarts(runId);
        }
      }
      detail = step.run(facts);
    } catch (RuntimeException e) {
      end(runId, seq, StepStatus.FAILED, e.getMessage(), facts);
      listener.stepFailed(phase, step.description(), since(started), e.getMessage());
      throw e;
    }
    end(runId, seq, StepStatus.SUCCEEDED, detail, facts);
    listener.stepSucceeded(phase, step.description(), since(started), detail);
    crashPoints.reached(phase, step.name(), "finished");
  }

  /** The step's end and the facts it kept for it, in one transaction. */
  private void end(String runId, int seq, StepStatus status, String detail, RunFacts facts) {
    try {
      journal.inTransaction(
          () -> {
            facts.flushStepEnd();
            journal.stepFinished(runId, seq, status, detail);
          });
    } finally {
      facts.discardStepEnd();
    }
  }

  /** Where the checklist resumes; marks a step cut short by a crash as interrupted. */
  private int resumePoint(String runId, Phase phase, List<Step> steps, int firstSeq) {
    List<StepRecord> records =
        journal.steps(runId).stream()
            .filter(record -> record.phase() == phase && record.seq() >= firstSeq)
            .toList();
    int index = ChecklistProgress.resumeIndex(runId, steps, records);
    for (StepRecord record : records) {
      if (record.status() == StepStatus.STARTED) {
        journal.stepFinished(runId, record.seq(), StepStatus.FAILED, INTERRUPTED);
        listener.notice("Repeating '" + record.name() + "', which a crash interrupted.");
      }
    }
    return index;
  }

  private Duration since(Instant started) {
    return Duration.between(started, clock.instant());
  }
}
