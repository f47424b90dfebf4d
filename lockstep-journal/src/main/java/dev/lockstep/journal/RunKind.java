package dev.lockstep.journal;

/** What a run was started for. */
public enum RunKind {
  /** {@code lockstep upgrade}: from the installed release to another one (or a first install). */
  UPGRADE,
  /** {@code lockstep rollback} of a run that had finished. */
  ROLLBACK
}
