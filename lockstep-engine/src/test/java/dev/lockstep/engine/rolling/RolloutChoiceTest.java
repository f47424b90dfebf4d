package dev.lockstep.engine.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RolloutConfig;
import dev.lockstep.core.config.RolloutConfig.Strategy;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.RollingVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutChoiceTest {
  private static final RollingVerdict SAFE =
      RollingVerdict.allowed(List.of("1.1.0 declares itself compatible with 1.0.0"));
  private static final RollingVerdict UNSAFE =
      RollingVerdict.refused(List.of("migration V3 drop body is declared contract"));
  private static final BalancerConfig HAPROXY =
      new BalancerConfig(
          BalancerConfig.BalancerType.HAPROXY,
          Duration.ofMinutes(2),
          Map.of(),
          new BalancerConfig.Haproxy(Path.of("/run/haproxy/admin.sock"), null, 0, "app"),
          null,
          null);
  private static final ReleaseManifest NEXT =
      new ReleaseManifest(
          Path.of("/releases/1.1.0/release.yaml"),
          "notes",
          Version.parse("1.1.0"),
          Map.of(),
          null,
          List.of(),
          null);

  @Test
  void auto_safe_rollsInBatches() {
    RolloutChoice choice =
        RolloutChoice.of(
            config(Strategy.AUTO, TargetType.COMMAND, HAPROXY), null, SAFE, NEXT, false);

    assertThat(choice.verdict().chosen()).isTrue();
    assertThat(choice.verdict().choice())
        .isEqualTo(
            "this run replaces the nodes behind the load balancer, batch 2 at a time"
                + " (rollout.strategy is auto)");
    assertThat(choice.rolling())
        .isEqualTo(new dev.lockstep.engine.run.ChecklistInputs.Rolling(2, null));
    assertThat(choice.gate()).isEmpty();
  }

  @Test
  void auto_safe_withMinReady_saysHowLongEachBatchIsWatched() {
    RolloutChoice choice =
        RolloutChoice.of(
            config(Strategy.AUTO, TargetType.COMMAND, HAPROXY, Duration.ofSeconds(10)),
            null,
            SAFE,
            NEXT,
            false);

    assertThat(choice.verdict().choice())
        .isEqualTo(
            "this run replaces the nodes behind the load balancer, batch 2 at a time, each batch"
                + " watched 10.0s back in rotation before the next (rollout.strategy is auto)");
  }

  @Test
  void auto_unsafe_stopsEveryService_sayingWhy() {
    RolloutChoice choice =
        RolloutChoice.of(
            config(Strategy.AUTO, TargetType.COMMAND, HAPROXY), null, UNSAFE, NEXT, false);

    assertThat(choice.verdict().chosen()).isFalse();
    assertThat(choice.verdict().reasons()).containsExactly(UNSAFE.reasons().get(0));
    assertThat(choice.verdict().choice())
        .isEqualTo(
            "this run stops every service: rolling is not safe for this upgrade"
                + " (rollout.strategy is auto)");
    assertThat(choice.rolling()).isNull();
    assertThat(choice.gate()).isEmpty();
  }

  @Test
  void rollingAskedFor_unsafe_isABlockingGateWithTheReasons() {
    RolloutChoice choice =
        RolloutChoice.of(
            config(Strategy.DOWNTIME, TargetType.COMMAND, HAPROXY),
            Strategy.ROLLING,
            UNSAFE,
            NEXT,
            false);

    assertThat(choice.rolling()).isNull();
    assertThat(choice.gate())
        .get()
        .satisfies(
            gate -> {
              assertThat(gate.verdict()).isEqualTo(GateResult.Verdict.BLOCKED);
              assertThat(gate.message())
                  .isEqualTo(
                      "--strategy is rolling, but rolling is not safe here: migration V3 drop"
                          + " body is declared contract");
              assertThat(gate.fix()).contains("--strategy downtime");
            });
  }

  @Test
  void rolling_safeRelease_butNothingToRollWith_isRefusedNamingWhatIsMissing() {
    RolloutChoice noBalancer =
        RolloutChoice.of(
            config(Strategy.AUTO, TargetType.COMMAND, null), Strategy.ROLLING, SAFE, NEXT, false);
    RolloutChoice compose =
        RolloutChoice.of(
            config(Strategy.ROLLING, TargetType.COMPOSE, HAPROXY), null, SAFE, NEXT, false);

    assertThat(noBalancer.gate().orElseThrow().message())
        .contains("no balancer is configured: a node cannot leave rotation");
    assertThat(compose.gate().orElseThrow().message())
        .contains("the compose target runs one container per service");
  }

  @Test
  void downtime_neverRolls_andSaysWhoChoseIt() {
    assertThat(
            RolloutChoice.of(
                    config(Strategy.DOWNTIME, TargetType.COMMAND, HAPROXY), null, SAFE, NEXT, false)
                .verdict()
                .choice())
        .isEqualTo("this run stops every service: rollout.strategy is downtime");
    assertThat(
            RolloutChoice.of(
                    config(Strategy.AUTO, TargetType.COMMAND, HAPROXY),
                    Strategy.DOWNTIME,
                    SAFE,
                    NEXT,
                    false)
                .verdict()
                .choice())
        .isEqualTo("this run stops every service: --strategy is downtime");
  }

  @Test
  void firstInstall_hasNothingToRoll_whateverWasAsked() {
    RolloutChoice choice =
        RolloutChoice.of(
            config(Strategy.ROLLING, TargetType.COMMAND, HAPROXY),
            Strategy.ROLLING,
            UNSAFE,
            NEXT,
            true);

    assertThat(choice.gate()).isEmpty();
    assertThat(choice.rolling()).isNull();
    assertThat(choice.verdict().choice())
        .isEqualTo("this run stops every service: a first install has no running nodes to replace");
  }

  private static DeploymentConfig config(
      Strategy strategy, TargetType target, BalancerConfig balancer) {
    return config(strategy, target, balancer, Duration.ZERO);
  }

  private static DeploymentConfig config(
      Strategy strategy, TargetType target, BalancerConfig balancer, Duration minReady) {
    ServiceConfig api =
        new ServiceConfig(
            "api",
            "api",
            List.of("web-1", "web-2", "web-3"),
            null,
            null,
            Map.of(),
            null,
            "true",
            "true",
            "true",
            null);
    return DeploymentConfig.builder()
        .environment("production")
        .target(new TargetConfig(target, "/bin/sh"))
        .services(Map.of("api", api))
        .balancer(balancer)
        .rollout(new RolloutConfig(strategy, 2, null, null, Duration.ofMinutes(2), minReady))
        .build();
  }
}
