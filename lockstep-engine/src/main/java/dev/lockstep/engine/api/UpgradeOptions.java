package dev.lockstep.engine.api;

/**
 * What the operator allows or requires of one upgrade, each choice journaled with the run.
 *
 * @param acceptUnverifiedBackup why a backup that fails verification is accepted, or null to stop
 * @param allowDrift go on although the live schema differs from the one recorded after the last run
 * @param requireRehearsal refuse unless a rehearsal of this upgrade passed
 */
public record UpgradeOptions(
    String acceptUnverifiedBackup, boolean allowDrift, boolean requireRehearsal) {

  public static UpgradeOptions defaults() {
    return new UpgradeOptions(null, false, false);
  }
}
