package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.BalancerConfig.BalancerNode;
import dev.lockstep.core.config.BalancerConfig.BalancerType;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code balancer} section: each type's settings, node names and what is refused. */
class BalancerConfigTest {
  private static final String BASE =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api:
          run: [java, -jar, "{artifact}"]
          nodes: [web1, web2]
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @Test
  void load_withoutBalancer_hasNone() throws IOException {
    assertThat(loader.load(write(BASE)).balancer()).isNull();
  }

  @Test
  void load_haproxyUnixSocket_defaultsServerAndHostToTheNodeName() throws IOException {
    BalancerConfig balancer =
        loader
            .load(
                write(
                    BASE
                        + """
                        balancer:
                          type: haproxy
                          deadline: 45s
                          haproxy: {socket: /run/haproxy/admin.sock, backend: app}
                          nodes:
                            web2: {server: app-2}
                        """))
            .balancer();

    assertThat(balancer.type()).isEqualTo(BalancerType.HAPROXY);
    assertThat(balancer.deadline()).isEqualTo(Duration.ofSeconds(45));
    assertThat(balancer.haproxy())
        .isEqualTo(new BalancerConfig.Haproxy(Path.of("/run/haproxy/admin.sock"), null, 0, "app"));
    assertThat(balancer.node("web1")).isEqualTo(new BalancerNode("web1", "web1", "web1", null));
    assertThat(balancer.node("web2")).isEqualTo(new BalancerNode("web2", "app-2", "web2", null));
    assertThat(balancer.http()).isNull();
    assertThat(balancer.command()).isNull();
  }

  @Test
  void load_haproxyTcpSocket_readsHostAndPort_andDefaultsTheDeadline() throws IOException {
    BalancerConfig balancer =
        loader
            .load(
                write(
                    BASE
                        + "balancer: {type: haproxy, haproxy: {address: '127.0.0.1:9999',"
                        + " backend: app}}\n"))
            .balancer();

    assertThat(balancer.haproxy())
        .isEqualTo(new BalancerConfig.Haproxy(null, "127.0.0.1", 9999, "app"));
    assertThat(balancer.deadline()).isEqualTo(BalancerConfig.DEFAULT_DEADLINE);
  }

  @Test
  void load_httpAndCommandBalancers_keepTheirTemplates() throws IOException {
    String nodes = "  nodes: {web1: {port: 8081}, web2: {host: 10.0.0.2, port: 8082}}\n";
    BalancerConfig http =
        loader
            .load(
                write(
                    BASE
                        + "balancer:\n  type: http\n  http:\n"
                        + "    drain: http://{host}:{port}/admin/drain\n"
                        + "    inFlight: http://{host}:{port}/admin/stats\n"
                        + "    inFlightPath: $.work.inFlight\n"
                        + nodes))
            .balancer();
    BalancerConfig command =
        loader
            .load(
                write(
                    BASE
                        + "balancer:\n  type: command\n  command:\n"
                        + "    drain: lbctl drain {server}\n    ready: lbctl ready {server}\n"
                        + "    maint: lbctl maint {server}\n    inFlight: lbctl count {server}\n"
                        + "    timeout: 5s\n"))
            .balancer();

    assertThat(http.http())
        .isEqualTo(
            new BalancerConfig.Http(
                "http://{host}:{port}/admin/drain",
                null,
                null,
                "http://{host}:{port}/admin/stats",
                "$.work.inFlight"));
    assertThat(http.node("web2").placeholders())
        .containsEntry("host", "10.0.0.2")
        .containsEntry("port", "8082");
    assertThat(command.command().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(command.command().state()).isNull();
  }

  @Test
  void load_unknownType_isRefused() {
    assertRefused(
        BASE + "balancer: {type: nginx}\n", "balancer.type", "not a balancer type", "haproxy");
  }

  @Test
  void load_haproxyWithoutSocketOrBackend_namesBothAndTheStatsSocketLine() {
    String config = BASE + "balancer: {type: haproxy, haproxy: {}}\n";

    assertRefused(config, "balancer.haproxy.backend", "is required", "backend: app");
    assertRefused(
        config,
        "balancer.haproxy.socket",
        "neither haproxy.socket nor haproxy.address",
        "stats socket /run/haproxy/admin.sock mode 660 level admin");
  }

  @Test
  void load_haproxyBadSocketOrAddress_isRefused() {
    assertRefused(
        BASE + "balancer: {type: haproxy, haproxy: {socket: admin.sock, backend: app}}\n",
        "balancer.haproxy.socket",
        "not an absolute path",
        "/run/haproxy/admin.sock");
    assertRefused(
        BASE + "balancer: {type: haproxy, haproxy: {address: localhost, backend: app}}\n",
        "balancer.haproxy.address",
        "is not a host:port",
        "127.0.0.1:9999");
  }

  @Test
  void load_anotherTypesSection_isRefused() {
    assertRefused(
        BASE
            + "balancer: {type: haproxy, haproxy: {socket: /a.sock, backend: app},"
            + " command: {drain: x}}\n",
        "balancer.command",
        "balancer.type is haproxy",
        "set balancer.type: command");
  }

  @Test
  void load_portPlaceholderWithoutPorts_namesEachNode() {
    String config =
        BASE
            + "balancer:\n  type: http\n  http:\n    drain: http://{host}:{port}/drain\n"
            + "    inFlight: http://{host}:{port}/stats\n    inFlightPath: $.n\n"
            + "  nodes: {web1: {port: 8081}}\n";

    assertRefused(config, "balancer.nodes.web2.port", "uses {port}", "web2: {port: 8080}");
  }

  @Test
  void load_badTemplates_areRefused() {
    assertRefused(
        BASE
            + "balancer:\n  type: http\n  http: {drain: 'ftp://{host}/drain', inFlight:"
            + " 'http://{host}/n', inFlightPath: inFlight}\n",
        "balancer.http.drain",
        "is not an http or https URL",
        "http://{host}:{port}/admin/drain");
    assertRefused(
        BASE
            + "balancer:\n  type: http\n  http: {drain: 'http://{host}/d', inFlight:"
            + " 'http://{host}/n', inFlightPath: inFlight}\n",
        "balancer.http.inFlightPath",
        "is not a JSON path",
        "$.inFlight");
    assertRefused(
        BASE
            + "balancer:\n  type: command\n  command: {drain: 'lbctl drain {version}', ready: r,"
            + " maint: m}\n",
        "balancer.command.drain",
        "unknown placeholder {version}",
        "{node}, {server}, {host} and {port}");
    assertRefused(
        BASE + "balancer:\n  type: command\n  command: {drain: d, ready: r, maint: m}\n",
        "balancer.command.inFlight",
        "is required",
        "a shell command");
  }

  @Test
  void load_inFlightPathToSeveralValues_isRefused() {
    assertRefused(
        BASE
            + "balancer:\n  type: http\n  http: {drain: 'http://{host}/d', inFlight:"
            + " 'http://{host}/n', inFlightPath: '$.nodes[*].inFlight'}\n",
        "balancer.http.inFlightPath",
        "is not a JSON path to one value",
        "$.nodes[0].inFlight");
  }

  @Test
  void load_nodeNoServiceRunsOn_isRefused() {
    assertRefused(
        BASE
            + "balancer: {type: haproxy, haproxy: {socket: /a.sock, backend: app},"
            + " nodes: {web3: {server: s3}}}\n",
        "balancer.nodes.web3",
        "not a node of any service (they are web1, web2)",
        "name a node listed in a service's nodes");
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
