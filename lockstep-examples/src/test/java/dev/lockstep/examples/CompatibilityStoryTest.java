package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The clients and extensions gates on real upgrades of the sample product (real PostgreSQL, real
 * processes), asking a real HTTP server the test starts: 1.1.0 is made to serve only client
 * protocol 3 and offer extension protocol 3, while 14 clients are still on protocol 2.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class CompatibilityStoryTest {
  private static final String CLIENTS = "{\"protocols\": {\"2\": 14, \"3\": 230}}";
  private static final String EXTENSIONS =
      "{\"installed\": [{\"name\": \"search-mcp\", \"protocols\": \">=2 <4\"}]}";

  SampleRun run;
  HttpServer server;
  final List<String> notices = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deploy() throws IOException {
    run = new SampleRun();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/admin/clients", exchange -> answer(exchange, CLIENTS));
    server.createContext("/admin/extensions", exchange -> answer(exchange, EXTENSIONS));
    server.start();
  }

  @AfterEach
  void tearDown() {
    try {
      run.close();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void upgrade_clientsThatWouldLoseService_isRefusedByDefaultAndGoesOnWithAWarning()
      throws IOException {
    upgrade("1.0.0");
    Files.writeString(
        run.sample.folder().resolve("releases/1.1.0/release.yaml"),
        "protocols: {clients: [\"3\"], extensions: \"3\"}\n",
        StandardOpenOption.APPEND);
    withGates("block");

    assertThatThrownBy(() -> upgrade("1.1.0"))
        .isInstanceOf(GateBlockedException.class)
        .hasMessageContaining(
            "connected clients served: 14 clients on protocol 2 would lose service (1.1.0 serves"
                + " 3)");
    assertThat(run.deployment.status().installed()).isEqualTo("1.0.0");

    withGates("warn");
    RunReport report = upgrade("1.1.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("succeeded");
    assertThat(notices)
        .contains(
            "warning: 14 clients on protocol 2 would lose service (1.1.0 serves 3); the upgrade"
                + " goes on (clients.policy: warn).");
    assertThat(run.deployment.status().installed()).isEqualTo("1.1.0");
  }

  /** Reopens Lockstep with both sections, asking the test's server, under {@code policy}. */
  private void withGates(String policy) {
    String root = "http://127.0.0.1:" + server.getAddress().getPort();
    String sections =
        "clients:\n"
            + "  http: {url: '"
            + root
            + "/admin/clients', path: $.protocols}\n"
            + "  policy: "
            + policy
            + "\n"
            + "extensions:\n"
            + "  http: {url: '"
            + root
            + "/admin/extensions', path: $.installed}\n"
            + "  policy: "
            + policy
            + "\n";
    run.reconfigure(
        config -> config.replace("\nbackup:", "\n" + sections + "\nbackup:"),
        new RunListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        });
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private RunReport upgrade(String version) {
    return run.deployment.upgrade(Version.parse(version));
  }
}
