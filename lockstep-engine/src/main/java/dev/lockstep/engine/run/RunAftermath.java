package dev.lockstep.engine.run;

import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;

/**
 * What follows the end of a run, once the journal says how it ended: housekeeping that must never
 * change that outcome (dropping snapshots nobody needs, recording the schema for drift checks,
 * writing the report file).
 */
public interface RunAftermath {
  void runEnded(String runId, RunStatus status);

  /**
   * Does it again for a finished run whose Lockstep was killed right after recording the end, so
   * that part of it may never have happened. Nothing it does may hide what changed since the run.
   */
  default void redo(RunRecord run) {
    runEnded(run.id(), run.status());
  }

  RunAftermath NONE = (runId, status) -> {};
}
