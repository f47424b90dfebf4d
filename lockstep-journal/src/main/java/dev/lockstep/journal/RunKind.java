package dev.lockstep.journal;

/** What a run was started for. */
public enum RunKind {
  /** {@code lockstep upgrade}: from the installed release to another one (or a first install). */
  UPGRADE,
  /** {@code lockstep rollback} of a run that had finished. */
  ROLLBACK,
  /**
   * {@code lockstep rehearse}: the upgrade's migrations on a scratch copy, production untouched; it
   * never changes the installed release.
   */
  REHEARSAL,
  /**
   * {@code lockstep adopt}: a deployment that runs without Lockstep recorded as a release, nothing
   * restarted. Written whole, already finished, in one transaction: it is never resumed.
   */
  ADOPT
}
