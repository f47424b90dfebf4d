package dev.lockstep.journal;

/** Where a watch after an upgrade stands. */
public enum WatchStatus {
  /**
   * Sampling and judging; or stopped by a crash, when its owner is gone ({@code watch} goes on).
   */
  WATCHING,
  /** Ran its whole duration, and every signal held. */
  PASSED,
  /** A signal failed, and the watch did not (or could not) act alone: an operator must. */
  FAILED,
  /** Ran its whole duration, but a signal never had enough data to be judged. */
  INCONCLUSIVE,
  /** Stopped by the operator before its end. */
  STOPPED,
  /** A signal failed within the automatic-rollback window, and the watch reverted the services. */
  REVERTED;

  public boolean finished() {
    return this != WATCHING;
  }
}
