package dev.lockstep.engine.run;

import dev.lockstep.journal.RunStatus;

/** The exit code a run ends with, from PRODUCT.md's table. */
public final class RunExitCodes {
  /** An unfinished run has no exit code yet. */
  public static final int UNFINISHED = -1;

  private RunExitCodes() {}

  public static int of(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> 0;
      case FAILED -> 1;
      case ROLLED_BACK -> 3;
      case ROLLBACK_FAILED -> 4;
      case RUNNING, ROLLING_BACK -> UNFINISHED;
    };
  }
}
