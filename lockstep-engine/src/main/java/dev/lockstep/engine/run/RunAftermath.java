package dev.lockstep.engine.run;

import dev.lockstep.journal.RunStatus;

/**
 * What follows the end of a run, once the journal says how it ended: housekeeping that must never
 * change that outcome (dropping snapshots nobody needs, recording the schema for drift checks,
 * writing the report file).
 */
public interface RunAftermath {
  void runEnded(String runId, RunStatus status);

  RunAftermath NONE = (runId, status) -> {};
}
