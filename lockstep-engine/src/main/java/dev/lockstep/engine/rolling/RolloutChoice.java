package dev.lockstep.engine.rolling;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RolloutConfig;
import dev.lockstep.core.config.RolloutConfig.Strategy;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.RollingVerdict;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.run.ChecklistInputs.Rolling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks this run's strategy from what the operator asked ({@code --strategy}, else {@code
 * rollout.strategy}) and what the plan allows: {@code auto} rolls when it is safe and stops every
 * service otherwise, saying why; {@code rolling} against the verdict is refused with the same
 * reasons, as a blocking gate, before anything is touched.
 *
 * @param verdict the plan's rolling verdict, with the choice and its reason
 * @param gate the refusal of an asked-for roll that is not safe; empty otherwise
 * @param rolling how the nodes are cut into batches; null when this run has downtime
 */
public record RolloutChoice(RollingVerdict verdict, Optional<GateResult> gate, Rolling rolling) {
  public static final String GATE = "Rolling upgrade";

  /**
   * @param asked {@code --strategy}, or null for the config's
   * @param verdict whether this upgrade could roll, from the release and its migrations
   * @param firstInstall nothing runs yet: there is nothing to roll, whatever was asked
   */
  public static RolloutChoice of(
      DeploymentConfig config,
      Strategy asked,
      RollingVerdict verdict,
      ReleaseManifest target,
      boolean firstInstall) {
    RolloutConfig rollout = config.rollout();
    Strategy strategy = asked != null ? asked : rollout.strategy();
    String source = asked != null ? "--strategy" : "rollout.strategy";
    if (strategy == Strategy.DOWNTIME) {
      return downtime(verdict, source + " is downtime");
    }
    if (firstInstall) {
      return downtime(verdict, "a first install has no running nodes to replace");
    }
    List<String> refused = new ArrayList<>(verdict.allowed() ? List.of() : verdict.reasons());
    refused.addAll(deploymentRefusals(config, target));
    if (refused.isEmpty()) {
      String why =
          "this run replaces the nodes behind the load balancer, "
              + rollout.describeBatch()
              + " at a time"
              + (rollout.minReady().isZero()
                  ? ""
                  : ", each batch watched "
                      + Durations.format(rollout.minReady())
                      + " back in rotation before the next")
              + " ("
              + source
              + " is "
              + strategy.key()
              + ")";
      return new RolloutChoice(verdict.choosing(true, why), Optional.empty(), Rolling.of(rollout));
    }
    RollingVerdict refusal = new RollingVerdict(false, refused, false, null);
    if (strategy == Strategy.AUTO) {
      return downtime(refusal, "rolling is not safe for this upgrade (" + source + " is auto)");
    }
    return new RolloutChoice(
        refusal.choosing(false, "rolling was asked for and is refused"),
        Optional.of(
            GateResult.blocked(
                GATE,
                source + " is rolling, but rolling is not safe here: " + String.join("; ", refused),
                "upgrade with downtime (--strategy downtime), or remove the reason above (for"
                    + " a migration measured contract: ship it as a later release)")),
        null);
  }

  /** Why this deployment cannot roll whatever the release: nothing in front, or nothing to roll. */
  private static List<String> deploymentRefusals(DeploymentConfig config, ReleaseManifest target) {
    List<String> refused = new ArrayList<>();
    if (config.balancer() == null) {
      refused.add("no balancer is configured: a node cannot leave rotation");
    }
    if (config.target().type() == TargetType.COMPOSE) {
      refused.add("the compose target runs one container per service: replacing it is downtime");
    }
    if (target.runner() == MigrationRunnerKind.STARTUP) {
      refused.add(
          target.version()
              + " migrates as it starts: its first node would change the schema under the others"
              + " unannounced");
    }
    return refused;
  }

  private static RolloutChoice downtime(RollingVerdict verdict, String why) {
    return new RolloutChoice(
        verdict.choosing(false, "this run stops every service: " + why), Optional.empty(), null);
  }
}
