package dev.lockstep.journal;

/** Where a run stands. Only the first two are unfinished. */
public enum RunStatus {
  /** Moving forward through its steps. */
  RUNNING,
  /** A step failed (or the operator asked) and the run is undoing what it did. */
  ROLLING_BACK,
  /** Every step passed: the target release is installed. */
  SUCCEEDED,
  /** Stopped before it changed anything. */
  FAILED,
  /** Failed, then rolled back cleanly: the previous release is installed again. */
  ROLLED_BACK,
  /** The rollback itself failed: an operator is needed. */
  ROLLBACK_FAILED;

  public boolean finished() {
    return this != RUNNING && this != ROLLING_BACK;
  }
}
