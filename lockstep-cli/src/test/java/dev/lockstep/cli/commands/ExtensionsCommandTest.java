package dev.lockstep.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep extensions --to V}, its extensions listed by a real HTTP server on a free port or
 * a real command. Release 2.0.0 offers extension protocol 3; 1.5.0 offers 2; 1.0.0 does not say.
 */
class ExtensionsCommandTest {
  private static final String INSTALLED =
      "{\"installed\": [{\"name\": \"search-mcp\", \"protocols\": \">=2 <4\"},"
          + " {\"name\": \"legacy-plugin\", \"protocols\": \"1.x || 2.x\"}]}";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private HttpServer server;

  @BeforeEach
  void ready() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/admin/extensions",
        exchange -> {
          byte[] bytes = INSTALLED.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
          }
        });
    server.start();
    release("1.0.0", "");
    release("1.5.0", "protocols: {extensions: \"2\"}\n");
    release("2.0.0", "protocols: {clients: [\"3\"], extensions: \"3\"}\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void extensions_oneIncompatible_listsEachAndExits1() throws IOException {
    int exitCode = run("extensions", "-c", config(http()).toString(), "--to", "2.0.0");

    assertThat(exitCode).as(err.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("Extensions against 2.0.0 (extension protocol 3)")
        .contains("  [compatible]   search-mcp     supports >=2 <4")
        .contains("  [INCOMPATIBLE] legacy-plugin  supports 1.x || 2.x")
        .contains("1 of 2 do not: update or remove them before upgrading to 2.0.0.");
  }

  @Test
  void extensions_allCompatible_exits0() throws IOException {
    int exitCode = run("extensions", "-c", config(http()).toString(), "--to", "1.5.0");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString()).contains("All 2 support it.");
  }

  @Test
  void extensions_json_givesEachWithItsVerdict() throws IOException {
    int exitCode =
        run("extensions", "-c", config(http()).toString(), "--to", "2.0.0", "--output", "json");

    assertThat(exitCode).isEqualTo(1);
    JsonNode report = Json.read(out.toString(), JsonNode.class);
    assertThat(report.path("protocol").asText()).isEqualTo("3");
    assertThat(report.path("extensions").get(1).path("name").asText()).isEqualTo("legacy-plugin");
    assertThat(report.path("extensions").get(1).path("compatible").asBoolean()).isFalse();
  }

  @Test
  void extensions_fromACommand_areJudgedTheSameWay() throws IOException {
    Files.writeString(
        dir.resolve("extensions.json"), "[{\"name\": \"calendar\", \"protocols\": \"^3\"}]\n");

    int exitCode =
        run(
            "extensions",
            "-c",
            config("extensions: {command: cat extensions.json}\n").toString(),
            "--to",
            "2.0.0");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString()).contains("[compatible]   calendar  supports ^3");
  }

  @Test
  void extensions_releaseThatDoesNotSay_exits1Saying() throws IOException {
    int exitCode = run("extensions", "-c", config(http()).toString(), "--to", "1.0.0");

    assertThat(exitCode).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "1.0.0 does not say which extension protocol it offers (protocols.extensions in its"
                + " manifest)");
  }

  @Test
  void extensions_withoutAnExtensionsSection_exits2NamingTheFieldAndFix() throws IOException {
    Path config = config("");

    int exitCode = run("extensions", "-c", config.toString(), "--to", "2.0.0");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .contains(config.toString())
        .contains("extensions: is not configured")
        .contains("Fix: add an extensions section");
  }

  private String http() {
    return "extensions:\n  http: {url: 'http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/admin/extensions', path: $.installed}\n";
  }

  private Path config(String extensions) throws IOException {
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(
        config,
        "environment: prod\nstateDir: state\ndatabase: {name: app, user: app, password: {env:"
            + " NO_SUCH_VARIABLE_FOR_EXTENSIONS}}\ntarget: {type: process}\nservices:\n  api: {run:"
            + " [java, -jar, \"{artifact}\"]}\n"
            + extensions);
    return config;
  }

  private void release(String version, String extra) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("releases").resolve(version));
    Files.writeString(
        folder.resolve("release.yaml"),
        "product: app\nversion: "
            + version
            + "\ncomponents:\n  api:\n    image: acme/api:"
            + version
            + "\n"
            + extra);
  }

  private int run(String... args) {
    return LockstepCli.run(args, new PrintWriter(out), new PrintWriter(err));
  }
}
