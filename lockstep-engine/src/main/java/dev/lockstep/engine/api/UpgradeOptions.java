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
 * @param skipStaging why this environment takes the release before the one it comes after has run
 *     it for the bake time ({@code --skip-staging}), or null to wait
 */
public record UpgradeOptions(
    String acceptUnverifiedBackup,
    boolean allowDrift,
    boolean requireRehearsal,
    RolloutConfig.Strategy strategy,
    String skipStaging) {

  /** Waiting for staging. */
  public UpgradeOptions(
      String acceptUnverifiedBackup,
      boolean allowDrift,
      boolean requireRehearsal,
      RolloutConfig.Strategy strategy) {
    this(acceptUnverifiedBackup, allowDrift, requireRehearsal, strategy, null);
  }

  /** With the config's strategy. */
  public UpgradeOptions(
      String acceptUnverifiedBackup, boolean allowDrift, boolean requireRehearsal) {
    this(acceptUnverifiedBackup, allowDrift, requireRehearsal, null);
  }

  public static UpgradeOptions defaults() {
    return new UpgradeOptions(null, false, false);
  }
}
