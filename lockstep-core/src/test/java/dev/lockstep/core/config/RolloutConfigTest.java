package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.RolloutConfig.Strategy;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rollout} section: strategy, batch size, ready URL, and what is refused. */
class RolloutConfigTest {
  private static final String BASE =
      """
      environment: production
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api:
          run: [java, -jar, "{artifact}"]
          nodes: [web1, web2, web3, web4]
      """;
  private static final String BALANCER =
      """
      balancer:
        type: haproxy
        haproxy: {socket: /run/haproxy/admin.sock, backend: app}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @Test
  void defaults_downtimeWithoutBalancer_autoWithOne() throws IOException {
    assertThat(loader.load(write(BASE)).rollout().strategy()).isEqualTo(Strategy.DOWNTIME);
    RolloutConfig rollout = loader.load(write(BASE + BALANCER)).rollout();
    assertThat(rollout.strategy()).isEqualTo(Strategy.AUTO);
    assertThat(rollout.batchOf(4)).isEqualTo(1);
    assertThat(rollout.readyTimeout()).isEqualTo(RolloutConfig.DEFAULT_READY_TIMEOUT);
    assertThat(rollout.minReady()).isZero();
  }

  @Test
  void load_rollingInBatches_withAReadyUrl() throws IOException {
    RolloutConfig rollout =
        loader
            .load(
                write(
                    BASE
                        + BALANCER
                        + """
                        rollout:
                          strategy: rolling
                          batch: 2
                          ready: http://{host}:8080/.status
                          readyTimeout: 45s
                          minReady: 10s
                        """))
            .rollout();

    assertThat(rollout.strategy()).isEqualTo(Strategy.ROLLING);
    assertThat(rollout.batchOf(4)).isEqualTo(2);
    assertThat(rollout.batchOf(1)).isEqualTo(1);
    assertThat(rollout.ready()).isEqualTo("http://{host}:8080/.status");
    assertThat(rollout.readyTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(rollout.minReady()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void load_maxUnavailable_asAShareOrACount() throws IOException {
    RolloutConfig share =
        loader.load(write(BASE + BALANCER + "rollout: {maxUnavailable: 50%}\n")).rollout();
    assertThat(share.batchOf(4)).isEqualTo(2);
    assertThat(share.batchOf(3)).isEqualTo(2);
    assertThat(share.describeBatch()).isEqualTo("maxUnavailable 50%");
    RolloutConfig count =
        loader.load(write(BASE + BALANCER + "rollout: {maxUnavailable: 3}\n")).rollout();
    assertThat(count.batchOf(4)).isEqualTo(3);
  }

  @Test
  void load_rollingWithoutBalancer_isRefused() {
    assertRefused(
        BASE + "rollout: {strategy: rolling}\n",
        "rollout.strategy",
        "no balancer is configured",
        "add a balancer section");
  }

  @Test
  void load_badValues_areRefused() {
    assertRefused(
        BASE + BALANCER + "rollout: {strategy: canary}\n",
        "rollout.strategy",
        "'canary' is not a strategy",
        "downtime, rolling or auto");
    assertRefused(
        BASE + BALANCER + "rollout: {batch: 0}\n",
        "rollout.batch",
        "would replace none",
        "use 1 or more");
    assertRefused(
        BASE + BALANCER + "rollout: {batch: 2, maxUnavailable: 25%}\n",
        "rollout.maxUnavailable",
        "beside batch",
        "not both");
    assertRefused(
        BASE + BALANCER + "rollout: {maxUnavailable: half}\n",
        "rollout.maxUnavailable",
        "neither a node count nor a percentage",
        "25%");
    assertRefused(
        BASE + BALANCER + "rollout: {ready: 'http://{host}:{port}/.status'}\n",
        "balancer.nodes.web1.port",
        "rollout.ready uses {port}",
        "give the port");
    assertRefused(
        BASE + BALANCER + "rollout: {ready: 'http://{host}/{version}'}\n",
        "rollout.ready",
        "uses version",
        "use {node}, {server}, {host} or {port}");
    assertRefused(
        BASE + BALANCER + "rollout: {minReady: a while}\n",
        "rollout.minReady",
        "'a while' is not a duration",
        "500ms, 30s, 2m or 1h");
  }

  @Test
  void load_hostsForATargetOtherThanCommand_isRefused() throws IOException {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "key");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    String yaml =
        BASE.replace(
            "target: {type: process}",
            "target:\n  type: process\n  hosts:\n    web1: {address: 10.0.0.5, user: deploy,"
                + " keyFile: "
                + key
                + ", knownHosts: "
                + knownHosts
                + "}");
    assertRefused(yaml, "target.hosts", "only for target type command", "use type: command");
  }

  private void assertRefused(String yaml, String field, String message, String fix) {
    assertThatThrownBy(() -> loader.load(write(yaml)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(message)
        .hasMessageContaining(fix)
        .satisfies(e -> assertThat(((LockstepException) e).exitCode()).isEqualTo(2));
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
