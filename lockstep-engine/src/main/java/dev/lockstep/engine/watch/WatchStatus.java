package dev.lockstep.engine.watch;

/** Where a watch stands. */
public enum WatchStatus {
  /** Still sampling: the planned end has not come and nothing has ended the watch. */
  WATCHING,
  /** Ran to its planned end with no signal failing. */
  PASSED,
  /**
   * A signal failed and the services were not reverted by the watch: no auto-revert was configured,
   * its window had passed, or a contract migration had made the rollback a restore.
   */
  FAILED,
  /** Ended by an operator before its planned end, with no verdict. */
  STOPPED,
  /** A signal failed and the watch reverted the services to the previous release by itself. */
  REVERTED
}
