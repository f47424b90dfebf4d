package dev.lockstep.cli.commands;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.RolloutConfig.Strategy;
import picocli.CommandLine.Option;

/** {@code --strategy}: how an upgrade replaces the nodes, overriding {@code rollout.strategy}. */
public final class StrategyOption {
  @Option(
      names = "--strategy",
      paramLabel = "downtime|rolling|auto",
      description =
          "replace the nodes with downtime for all, or batch by batch behind the load balancer"
              + " (refused when unsafe), or rolling when the plan allows it (default: the"
              + " config's rollout.strategy)")
  String strategy;

  /** The strategy asked for, or null for the config's. */
  Strategy strategy() {
    if (strategy == null) {
      return null;
    }
    Strategy parsed = Strategy.parse(strategy);
    if (parsed == null) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--strategy '" + strategy + "' is not a strategy. Fix: use downtime, rolling or auto.");
    }
    return parsed;
  }
}
