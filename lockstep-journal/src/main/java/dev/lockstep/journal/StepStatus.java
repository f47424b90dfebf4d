package dev.lockstep.journal;

/** A step is recorded as STARTED before it runs and gets its final status after. */
public enum StepStatus {
  STARTED,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
