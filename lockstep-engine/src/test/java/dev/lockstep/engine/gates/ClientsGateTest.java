package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ClientsConfig;
import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.manifest.Protocols;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.engine.testing.JsonEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients source is a real HTTP server on a free port: the product's own endpoint, or one
 * answering exactly as Prometheus's {@code /api/v1/query} documents. The target release, 1.1.0,
 * serves client protocols 3 and 4.
 */
class ClientsGateTest {
  private static final String NAME = "connected clients served";

  @TempDir Path dir;
  private GateFixture fixture;
  private JsonEndpoint endpoint;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
    fixture.target =
        GateFixture.withProtocols(fixture.target, new Protocols(List.of("3", "4"), null));
    endpoint = new JsonEndpoint();
  }

  @AfterEach
  void close() {
    endpoint.close();
    fixture.close();
  }

  @Test
  void check_noClientsSection_isLeftOut() {
    assertThat(fixture.check(new ClientsGate())).isNull();
  }

  @Test
  void check_firstInstall_isLeftOut() {
    fixture.installedVersion = null;
    http(GatePolicy.BLOCK, "{\"protocols\": {\"2\": 14}}");

    assertThat(fixture.check(new ClientsGate())).isNull();
    assertThat(endpoint.asked).isEmpty();
  }

  @Test
  void check_releaseDeclaresNoClientProtocols_passesSayingItWasNotChecked() {
    fixture.target = GateFixture.withProtocols(fixture.target, Protocols.NONE);
    http(GatePolicy.BLOCK, "{\"protocols\": {\"2\": 14}}");

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message())
        .isEqualTo(
            "not checked: 1.1.0 does not say which client protocols it serves (protocols.clients"
                + " in its manifest)");
    assertThat(endpoint.asked).isEmpty();
  }

  @Test
  void check_everyClientServed_passesWithTheCounts() {
    http(GatePolicy.BLOCK, "{\"protocols\": {\"3\": 230, \"4\": 12, \"2\": 0}}");

    assertThat(fixture.check(new ClientsGate()))
        .isEqualTo(
            GateResult.passed(
                NAME,
                "every client is served: 230 clients on protocol 3 and 12 clients on protocol 4"
                    + " (1.1.0 serves 3, 4)"));
    assertThat(endpoint.asked).extracting(java.net.URI::getPath).containsExactly("/admin/clients");
  }

  @Test
  void check_clientsOnAnUnservedProtocol_blockByDefault() {
    http(null, "{\"protocols\": {\"2\": 14, \"3\": 230}}");

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo("14 clients on protocol 2 would lose service (1.1.0 serves 3, 4).");
    assertThat(result.fix())
        .isEqualTo(
            "move those clients to a protocol 1.1.0 serves before upgrading, or upgrade to a"
                + " release that still serves them; clients.policy: warn lets the upgrade go on"
                + " anyway.");
  }

  @Test
  void check_listOfCounts_isReadAsTheObjectIs() {
    http(
        GatePolicy.BLOCK,
        "{\"protocols\": [{\"protocol\": \"1\", \"count\": 1}, {\"protocol\": 2, \"count\": 14},"
            + " {\"protocol\": \"3\", \"count\": 230}]}");

    assertThat(fixture.check(new ClientsGate()).message())
        .isEqualTo(
            "1 client on protocol 1 and 14 clients on protocol 2 would lose service (1.1.0 serves"
                + " 3, 4).");
  }

  @Test
  void check_policyWarn_warnsAndTellsAnUpgradeAboutToStart() {
    fixture.upgrading = true;
    http(GatePolicy.WARN, "{\"protocols\": {\"2\": 14, \"3\": 230}}");

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.WARNED);
    assertThat(result.blocked()).isFalse();
    assertThat(result.message())
        .isEqualTo(
            "14 clients on protocol 2 would lose service (1.1.0 serves 3, 4); the upgrade goes on"
                + " (clients.policy: warn).");
    assertThat(fixture.notices).containsExactly("warning: " + result.message());
  }

  @Test
  void check_countsThatAreNotCounts_block() {
    http(GatePolicy.BLOCK, "{\"protocols\": {\"2\": \"many\"}}");

    assertThat(fixture.check(new ClientsGate()).message())
        .isEqualTo(
            "cannot tell which clients are connected: GET "
                + endpoint.root()
                + ": $.protocols.2 is not a count.");
  }

  @Test
  void check_serverError_blocksNamingTheHostOnly() {
    fixture.clients =
        ClientsConfig.http(
            endpoint.root() + "/admin/clients?token=s3cr3t", "$.protocols", GatePolicy.BLOCK);
    endpoint.answer(500, "oops");

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "cannot tell which clients are connected: GET "
                + endpoint.root()
                + " answered HTTP 500.")
        .doesNotContain("s3cr3t");
  }

  @Test
  void check_unreachableEndpoint_blocksOrWarnsByPolicyNamingTheHost() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/admin/clients?token=s3cr3t";
    fixture.clients = ClientsConfig.http(url, "$.protocols", GatePolicy.BLOCK);

    GateResult blocked = fixture.check(new ClientsGate());
    fixture.clients = ClientsConfig.http(url, "$.protocols", GatePolicy.WARN);
    GateResult warned = fixture.check(new ClientsGate());

    assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(blocked.message())
        .isEqualTo(
            "cannot tell which clients are connected: GET http://127.0.0.1:"
                + port
                + " failed: connection refused or unreachable.");
    assertThat(warned.verdict()).isEqualTo(Verdict.WARNED);
    assertThat(blocked.message() + blocked.fix() + warned.message()).doesNotContain("s3cr3t");
  }

  @Test
  void check_prometheusVector_isCountedByItsLabel() {
    fixture.clients =
        ClientsConfig.prometheus(
            endpoint.root(), "sum by (proto) (app_connected_clients)", "proto", GatePolicy.BLOCK);
    endpoint.answer(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"proto\":\"2\"},\"value\":[1733500000.123,\"14\"]},"
            + "{\"metric\":{\"proto\":\"3\"},\"value\":[1733500000.123,\"230\"]}]}}");

    GateResult result = fixture.check(new ClientsGate());

    assertThat(result.message())
        .isEqualTo("14 clients on protocol 2 would lose service (1.1.0 serves 3, 4).");
    java.net.URI asked = endpoint.asked.get(0);
    assertThat(asked.getPath()).isEqualTo("/api/v1/query");
    assertThat(URLDecoder.decode(asked.getRawQuery(), StandardCharsets.UTF_8))
        .isEqualTo("query=sum by (proto) (app_connected_clients)");
  }

  @Test
  void check_prometheusAllServed_passes() {
    fixture.clients =
        ClientsConfig.prometheus(endpoint.root() + "/", "app_clients", null, GatePolicy.BLOCK);
    endpoint.answer(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"protocol\":\"4\",\"job\":\"api\"},\"value\":[1733500000,\"3\"]},"
            + "{\"metric\":{\"protocol\":\"4\",\"job\":\"ws\"},\"value\":[1733500000,\"2\"]}]}}");

    assertThat(fixture.check(new ClientsGate()).message())
        .isEqualTo("every client is served: 5 clients on protocol 4 (1.1.0 serves 3, 4)");
  }

  @Test
  void check_prometheusError_blocksWithItsError() {
    fixture.clients = ClientsConfig.prometheus(endpoint.root(), "sum by (", null, GatePolicy.BLOCK);
    endpoint.answer(
        200,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:9: parse error:"
            + " unclosed left parenthesis\"}");

    assertThat(fixture.check(new ClientsGate()).message())
        .isEqualTo(
            "cannot tell which clients are connected: Prometheus at "
                + endpoint.root()
                + " refused the query: 1:9: parse error: unclosed left parenthesis.");
  }

  @Test
  void check_prometheusSampleWithoutTheLabel_blocksSayingHowToAggregate() {
    fixture.clients =
        ClientsConfig.prometheus(endpoint.root(), "sum(app_clients)", null, GatePolicy.BLOCK);
    endpoint.answer(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{},\"value\":[1733500000,\"244\"]}]}}");

    assertThat(fixture.check(new ClientsGate()).message())
        .contains("a sample has no label protocol ({}); aggregate by it, e.g. sum by (protocol)");
  }

  private void http(GatePolicy policy, String body) {
    endpoint.answer(body);
    fixture.clients = ClientsConfig.http(endpoint.root() + "/admin/clients", "$.protocols", policy);
  }
}
