package dev.lockstep.engine.api;

import dev.lockstep.core.config.RolloutConfig;

/**
 * What the operator allows or requires of one upgrade, each choice journaled with the run.
 *
 * @param acceptUnverifiedBackup why a backup that fails verification is accepted, or null to stop
 * @param allowDrift go on although the live schema differs from the one recorded after the last run
 * @param requireRehearsal refuse unless a rehearsal of this upgrade passed
 * @param strategy {@code --strategy}: how the nodes are replaced; null for the config's {@code
 *     rollout.strategy}
 */
public record UpgradeOptions(
    String acceptUnverifiedBackup,
    boolean allowDrift,
    boolean requireRehearsal,
    RolloutConfig.Strategy strategy) {

  /** With the config's strategy. */
  public UpgradeOptions(
      String acceptUnverifiedBackup, boolean allowDrift, boolean requireRehearsal) {
    this(acceptUnverifiedBackup, allowDrift, requireRehearsal, null);
  }

  public static UpgradeOptions defaults() {
    return new UpgradeOptions(null, false, false);
  }
}
