package dev.lockstep.journal;

/** Whether a step moves towards the target release or undoes the way back. */
public enum Phase {
  FORWARD,
  ROLLBACK
}
