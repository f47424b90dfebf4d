package dev.lockstep.targets.balancer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.BalancerConfig.BalancerNode;
import dev.lockstep.core.config.BalancerConfig.BalancerType;
import dev.lockstep.targets.balancer.BalancerException;
import dev.lockstep.targets.balancer.DrainResult;
import dev.lockstep.targets.balancer.LoadBalancer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP balancer against a real HTTP server playing the product: it records the drain and ready
 * calls, and counts its in-flight work down once drained.
 */
class HttpDrainBalancerTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile String statsBody;
  private HttpServer product;

  @BeforeEach
  void startProduct() throws IOException {
    product = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    product.createContext("/admin/", this::admin);
    product.start();
  }

  @AfterEach
  void stopProduct() {
    product.stop(0);
  }

  @Test
  void drainAndReady_postToTheNodesUrls() {
    LoadBalancer balancer = balancer("http://{host}:{port}/admin/{node}/ready", null);

    balancer.drain("web1");
    balancer.maint("web1");
    balancer.ready("web1");

    assertThat(calls)
        .containsExactly(
            "POST /admin/web1/drain", "POST /admin/web1/drain", "POST /admin/web1/ready");
    assertThat(balancer.state("web1")).isEmpty();
  }

  @Test
  void ready_withoutAReadyUrl_sendsNothing() {
    LoadBalancer balancer = balancer(null, "http://{host}:{port}/admin/{node}/maint");

    balancer.maint("web1");
    balancer.ready("web1");

    assertThat(calls).containsExactly("POST /admin/web1/maint");
  }

  @Test
  void awaitDrained_pollsTheCountUntilItIsZero() {
    inFlight.set(3);
    LoadBalancer balancer = balancer(null, null);

    balancer.drain("web1");
    assertThat(balancer.inFlight("web1")).isEqualTo(2);
    DrainResult result = balancer.awaitDrained("web1", Duration.ofSeconds(5));

    assertThat(result.drained()).as(result.describe()).isTrue();
    assertThat(result.lastInFlight()).isZero();
    assertThat(result.polls()).isEqualTo(2);
    assertThat(calls.stream().filter(c -> c.startsWith("GET")).count()).isEqualTo(3);
  }

  @Test
  void awaitDrained_countThatStays_endsAtTheDeadlineWithTheLastCount() {
    statsBody = "{\"work\": {\"inFlight\": 4}}";
    LoadBalancer balancer = balancer(null, null);

    DrainResult result = balancer.awaitDrained("web1", Duration.ofMillis(600));

    assertThat(result.drained()).isFalse();
    assertThat(result.lastInFlight()).isEqualTo(4);
    // The first request of a JVM can take seconds on a busy machine: only the lower bound holds.
    assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    assertThat(result.polls()).isPositive();
  }

  @Test
  void inFlight_answerWithoutTheCount_namesThePathAndFix() {
    statsBody = "{\"work\": {\"running\": 4}}";

    assertThatThrownBy(() -> balancer(null, null).inFlight("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("GET http://127.0.0.1:" + port() + "/admin/web1/stats")
        .hasMessageContaining("has nothing at $.work.inFlight")
        .hasMessageContaining("Fix: set balancer.http.inFlightPath");
    statsBody = "{\"work\": {\"inFlight\": \"many\"}}";
    assertThatThrownBy(() -> balancer(null, null).inFlight("web1"))
        .hasMessageContaining("has \"many\" at $.work.inFlight, not a count");
  }

  @Test
  void drain_endpointAnsweringAnError_namesTheStatusAndField() {
    assertThatThrownBy(() -> balancer(null, null).drain("web-refuses"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("POST http://127.0.0.1:" + port() + "/admin/web-refuses/drain")
        .hasMessageContaining("(balancer.http.drain) for node web-refuses answered 503: busy")
        .hasMessageContaining("it must answer 2xx");
  }

  @Test
  void drain_productNotRunning_saysWhereAndFix() {
    int port = port();
    product.stop(0);

    assertThatThrownBy(() -> balancer(null, null).drain("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("POST http://127.0.0.1:" + port + "/admin/web1/drain")
        .hasMessageContaining("failed: java.net.ConnectException")
        .hasMessageContaining("Fix: check that the product runs on web1");
  }

  private LoadBalancer balancer(String ready, String maint) {
    return HttpDrainBalancer.of(
        new BalancerConfig(
            BalancerType.HTTP,
            Duration.ofSeconds(5),
            Map.of(
                "web1", new BalancerNode("web1", "web1", "127.0.0.1", port()),
                "web-refuses", new BalancerNode("web-refuses", "x", "127.0.0.1", port())),
            null,
            new BalancerConfig.Http(
                "http://{host}:{port}/admin/{node}/drain",
                ready,
                maint,
                "http://{host}:{port}/admin/{node}/stats",
                "$.work.inFlight"),
            null));
  }

  private int port() {
    return product.getAddress().getPort();
  }

  /** Drain, ready and maint calls are recorded; each stats call finishes one piece of work. */
  private void admin(HttpExchange exchange) throws IOException {
    String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    calls.add(call);
    if (call.contains("web-refuses")) {
      answer(exchange, 503, "busy");
    } else if (call.endsWith("/stats")) {
      String body =
          statsBody != null
              ? statsBody
              : "{\"work\": {\"inFlight\": " + Math.max(0, inFlight.decrementAndGet()) + "}}";
      answer(exchange, 200, body);
    } else {
      answer(exchange, 200, "{}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
