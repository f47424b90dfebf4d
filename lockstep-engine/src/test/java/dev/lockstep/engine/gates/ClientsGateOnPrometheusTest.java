package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.core.config.ClientsConfig;
import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.manifest.Protocols;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.engine.testing.RealPrometheus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients gate asking a real Prometheus (Debian's), which scrapes the product's {@code
 * /metrics} served by the test in the Prometheus text format. The target release, 1.1.0, serves
 * client protocols 3 and 4; 14 clients are still on protocol 2.
 */
class ClientsGateOnPrometheusTest {
  private static final String METRICS =
      """
      # HELP app_connected_clients Clients connected, by the protocol they speak.
      # TYPE app_connected_clients gauge
      app_connected_clients{protocol="2",role="api"} 14
      app_connected_clients{protocol="3",role="api"} 200
      app_connected_clients{protocol="3",role="ws"} 30
      """;

  @TempDir static Path prometheusDir;
  private static HttpServer product;
  private static RealPrometheus prometheus;

  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeAll
  static void scraped() throws IOException, InterruptedException {
    product = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    product.createContext(
        "/metrics",
        exchange -> {
          byte[] body = METRICS.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    product.start();
    prometheus =
        RealPrometheus.scraping("127.0.0.1:" + product.getAddress().getPort(), prometheusDir);
    prometheus.awaitScraped("app_connected_clients", Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
    product.stop(0);
  }

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
    fixture.target =
        GateFixture.withProtocols(fixture.target, new Protocols(List.of("3", "4"), null));
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_clientsOnAProtocolNoLongerServed_blocksWithTheirCount() {
    fixture.clients = clients("sum by (protocol) (app_connected_clients)", GatePolicy.BLOCK);

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo("14 clients on protocol 2 would lose service (1.1.0 serves 3, 4).");
  }

  @Test
  void check_withPolicyWarn_warnsWithTheSameCount() {
    fixture.clients = clients("sum by (protocol) (app_connected_clients)", GatePolicy.WARN);

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.WARNED);
    assertThat(result.message()).startsWith("14 clients on protocol 2 would lose service");
  }

  @Test
  void check_everyClientServed_passesWithTheCounts() {
    fixture.clients =
        clients("sum by (protocol) (app_connected_clients{protocol!=\"2\"})", GatePolicy.BLOCK);

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message())
        .isEqualTo("every client is served: 230 clients on protocol 3 (1.1.0 serves 3, 4)");
  }

  @Test
  void check_aQueryPrometheusRefuses_blocksWithPrometheusesOwnError() {
    fixture.clients = clients("sum by (", GatePolicy.BLOCK);

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith(
            "cannot tell which clients are connected: Prometheus at "
                + prometheus.url()
                + " refused the query: ")
        .contains("parse error");
  }

  private static ClientsConfig clients(String query, GatePolicy policy) {
    return ClientsConfig.prometheus(prometheus.url().toString(), query, "protocol", policy);
  }
}
