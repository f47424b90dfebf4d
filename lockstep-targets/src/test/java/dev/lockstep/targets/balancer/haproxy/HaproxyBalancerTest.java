package dev.lockstep.targets.balancer.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.BalancerConfig.BalancerNode;
import dev.lockstep.core.config.BalancerConfig.BalancerType;
import dev.lockstep.targets.balancer.BalancerException;
import dev.lockstep.targets.balancer.DrainResult;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import dev.lockstep.targets.testing.RealHaproxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HAProxy balancer against a real HAProxy in front of real HTTP servers: web1 and web2 answer,
 * web3 is a server line where nothing listens.
 */
class HaproxyBalancerTest {
  @TempDir static Path dir;

  private static BackendServer web1;
  private static BackendServer web2;
  private static RealHaproxy haproxy;
  private static LoadBalancer balancer;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void startHaproxy() throws Exception {
    web1 = BackendServer.start("web1");
    web2 = BackendServer.start("web2");
    int nobody = RealHaproxy.freePort();
    haproxy =
        RealHaproxy.start(
            dir, List.of("web1", "web2", "web3"), List.of(web1.port(), web2.port(), nobody));
    balancer = overUnixSocket(haproxy.adminSocket(), "app", Map.of());
    awaitUp("web1");
    awaitUp("web2");
    awaitStatus("web3", "DOWN");
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (haproxy != null) {
      haproxy.close();
    }
    if (web1 != null) {
      web1.close();
    }
    if (web2 != null) {
      web2.close();
    }
  }

  @AfterEach
  void backInRotation() throws Exception {
    web1.releaseSlow();
    web2.releaseSlow();
    balancer.ready("web1");
    balancer.ready("web2");
    awaitUp("web1");
    awaitUp("web2");
  }

  @Test
  void drain_inFlightRequestFinishes_newRequestsGoElsewhere_andInFlightReachesZero()
      throws Exception {
    // Round-robin over two servers: of two requests at once, one is web1's.
    CompletableFuture<HttpResponse<String>> slowA = send("/slow");
    CompletableFuture<HttpResponse<String>> slowB = send("/slow");
    assertThat(web1.awaitSlowRequest()).isTrue();

    balancer.drain("web1");

    assertThat(balancer.state("web1")).get().extracting(ServerState::status).isEqualTo("DRAIN");
    assertThat(balancer.inFlight("web1")).isEqualTo(1);
    assertThat(answeredBy(8)).containsOnly("web2");
    DrainResult tooSoon = balancer.awaitDrained("web1", Duration.ofMillis(400));
    assertThat(tooSoon.drained()).isFalse();
    assertThat(tooSoon.lastInFlight()).isEqualTo(1);
    assertThat(tooSoon.took()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(tooSoon.describe()).isEqualTo("web1 still had 1 in flight after 0.4s");

    web1.releaseSlow();
    web2.releaseSlow();

    assertThat(List.of(slowA.get().body(), slowB.get().body()))
        .containsExactlyInAnyOrder("web1", "web2");
    assertThat(List.of(slowA.get().statusCode(), slowB.get().statusCode())).containsOnly(200);
    DrainResult drained = balancer.awaitDrained("web1", Duration.ofSeconds(5));
    assertThat(drained.drained()).as(drained.describe()).isTrue();
    assertThat(drained.lastInFlight()).isZero();
    assertThat(drained.took()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void maint_sendsTheServerNothing_andStateSaysMaint() throws Exception {
    balancer.maint("web2");

    assertThat(balancer.state("web2")).get().extracting(ServerState::status).isEqualTo("MAINT");
    assertThat(balancer.state("web2").orElseThrow().upAndReady()).isFalse();
    assertThat(answeredBy(6)).containsOnly("web1");
  }

  @Test
  void ready_afterMaint_passesItsCheckAndGetsTrafficAgain() throws Exception {
    balancer.maint("web1");
    assertThat(answeredBy(4)).containsOnly("web2");

    balancer.ready("web1");
    awaitUp("web1");

    assertThat(answeredBy(6)).contains("web1", "web2");
  }

  @Test
  void state_overTheTcpSocket_saysUpOrDownWithTheLastCheck() {
    LoadBalancer tcp =
        HaproxyBalancer.of(
            new BalancerConfig(
                BalancerType.HAPROXY,
                Duration.ofSeconds(5),
                Map.of("api-1", new BalancerNode("api-1", "web1", "127.0.0.1", null)),
                new BalancerConfig.Haproxy(null, "127.0.0.1", haproxy.statsPort(), "app"),
                null,
                null));

    ServerState up = tcp.state("api-1").orElseThrow();
    ServerState down = tcp.state("web3").orElseThrow();

    assertThat(up.server()).isEqualTo("web1");
    assertThat(up.upAndReady()).as(up.describe()).isTrue();
    assertThat(up.checkStatus()).isEqualTo("L7OK");
    assertThat(down.status()).isEqualTo("DOWN");
    assertThat(down.checkStatus()).isEqualTo("L4CON");
    assertThat(down.describe()).isEqualTo("web3 is DOWN (L4CON: Layer4 connection problem)");
    assertThat(tcp.inFlight("web3")).isZero();
  }

  @Test
  void drain_unknownBackend_namesSocketBackendAndFix() {
    LoadBalancer wrong = overUnixSocket(haproxy.adminSocket(), "api", Map.of());

    assertThatThrownBy(() -> wrong.drain("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining(haproxy.adminSocket().toString())
        .hasMessageContaining("HAProxy has no backend 'api'")
        .hasMessageContaining("answered `set server api/web1 state drain` with `No such backend.`")
        .hasMessageContaining("Fix: set balancer.haproxy.backend");
    assertThatThrownBy(() -> wrong.inFlight("web1"))
        .hasMessageContaining("HAProxy has no backend 'api' (show stat lists no proxy");
  }

  @Test
  void drain_unknownServer_namesServerNodeAndFix() {
    LoadBalancer mapped = overUnixSocket(haproxy.adminSocket(), "app", Map.of("web1", "app-1"));

    assertThatThrownBy(() -> mapped.drain("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining(haproxy.adminSocket().toString())
        .hasMessageContaining("backend app has no server 'app-1' for node web1")
        .hasMessageContaining("with `No such server.`")
        .hasMessageContaining("Fix: set balancer.nodes.web1.server")
        .extracting(e -> ((BalancerException) e).node())
        .isEqualTo("web1");
    assertThatThrownBy(() -> mapped.state("web1"))
        .hasMessageContaining("has no server 'app-1' for node web1 (show stat lists no server");
  }

  @Test
  void drain_missingSocket_namesThePathAndTheStatsSocketLine() {
    Path missing = dir.resolve("missing.sock");

    assertThatThrownBy(() -> overUnixSocket(missing, "app", Map.of()).drain("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("HAProxy's stats socket " + missing)
        .hasMessageContaining("for `set server app/web1 state drain`")
        .hasMessageContaining("there is no socket at " + missing)
        .hasMessageContaining("stats socket /run/haproxy/admin.sock mode 660 level admin")
        .extracting(e -> ((BalancerException) e).node())
        .isEqualTo("web1");
  }

  @Test
  void drain_throughAUserLevelSocket_saysTheLevelIsTooLow() {
    assertThatThrownBy(() -> overUnixSocket(haproxy.userSocket(), "app", Map.of()).drain("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("refused `set server app/web1 state drain`")
        .hasMessageContaining("level is too low")
        .hasMessageContaining("level admin");
    assertThat(balancer.state("web1").orElseThrow().upAndReady()).isTrue();
  }

  @Test
  void state_tcpPortNobodyListensOn_saysConnectionRefused() throws IOException {
    int nobody = RealHaproxy.freePort();
    LoadBalancer tcp =
        HaproxyBalancer.of(
            new BalancerConfig(
                BalancerType.HAPROXY,
                Duration.ofSeconds(5),
                Map.of(),
                new BalancerConfig.Haproxy(null, "127.0.0.1", nobody, "app"),
                null,
                null));

    assertThatThrownBy(() -> tcp.state("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("HAProxy's stats socket 127.0.0.1:" + nobody + " (for `show stat`)")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("stats socket ipv4@127.0.0.1:" + nobody + " level admin");
  }

  private static LoadBalancer overUnixSocket(
      Path socket, String backend, Map<String, String> servers) {
    Map<String, BalancerNode> nodes = new java.util.HashMap<>();
    servers.forEach((node, server) -> nodes.put(node, new BalancerNode(node, server, node, null)));
    return HaproxyBalancer.of(
        new BalancerConfig(
            BalancerType.HAPROXY,
            Duration.ofSeconds(5),
            nodes,
            new BalancerConfig.Haproxy(socket, null, 0, backend),
            null,
            null));
  }

  /** Waits until HAProxy has the server up and ready: its checks run every 100 ms. */
  private static void awaitUp(String node) throws InterruptedException {
    awaitStatus(node, ServerState.UP);
  }

  private static void awaitStatus(String node, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    ServerState state = balancer.state(node).orElseThrow();
    while (!state.status().equals(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "HAProxy did not see "
                + state.describe()
                + " become "
                + status
                + " in 5s:\n"
                + haproxy.log());
      }
      Thread.sleep(50);
      state = balancer.state(node).orElseThrow();
    }
  }

  private CompletableFuture<HttpResponse<String>> send(String path) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + haproxy.frontendPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        BodyHandlers.ofString());
  }

  /** The servers that answered {@code count} requests through HAProxy, one after the other. */
  private List<String> answeredBy(int count) throws Exception {
    List<String> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = send("/").get();
      assertThat(response.statusCode()).as(response.body() + haproxy.log()).isEqualTo(200);
      servers.add(response.body());
    }
    return servers;
  }
}
