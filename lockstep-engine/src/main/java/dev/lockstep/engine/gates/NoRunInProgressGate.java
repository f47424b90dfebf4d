package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.Optional;

/** One run at a time, and never on top of a run that crashed or whose rollback failed. */
public final class NoRunInProgressGate implements Gate {
  private static final String NAME = "no other run in progress";

  @Override
  public GateResult check(GateContext context) {
    Optional<RunRecord> unfinished = context.journal().unfinishedRun();
    if (unfinished.isPresent()) {
      RunRecord run = unfinished.get();
      if (run.orphaned()) {
        return GateResult.blocked(
            NAME,
            "run "
                + run.id()
                + " ("
                + describe(run)
                + ") stopped half-way: its Lockstep process "
                + run.ownerPid()
                + " is gone.",
            "run `lockstep resume` to finish it, or `lockstep resume --rollback` to undo it.");
      }
      return GateResult.blocked(
          NAME,
          "run "
              + run.id()
              + " ("
              + describe(run)
              + ") is in progress, driven by pid "
              + run.ownerPid()
              + ".",
          "wait for it to finish; `lockstep status` shows where it stands.");
    }
    Optional<RunRecord> last = context.journal().lastChange();
    if (last.isPresent() && last.get().status() == RunStatus.ROLLBACK_FAILED) {
      return GateResult.blocked(
          NAME,
          "the rollback of run " + last.get().id() + " failed; the deployment needs an operator.",
          "read `lockstep status`, fix the cause, then `lockstep resume` to retry the rollback.");
    }
    return GateResult.passed(NAME, "no run in progress");
  }

  private static String describe(RunRecord run) {
    return run.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + (run.fromVersion() == null ? "" : run.fromVersion() + " → ")
        + run.toVersion();
  }
}
