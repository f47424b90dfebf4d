package dev.lockstep.journal;

/** Which side of the upgrade a signal's sample was read on. */
public enum SampleSeries {
  /** Before the upgrade: what the new release is compared with. */
  BASELINE,
  /** After the upgrade, by the watch. */
  WATCHED
}
