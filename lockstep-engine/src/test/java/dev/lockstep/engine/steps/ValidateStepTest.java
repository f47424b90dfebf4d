package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.targets.process.ProcessTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation with real processes: the checks pass, and the services still run afterwards. */
class ValidateStepTest {
  private static final String RUNS_UNTIL_STOPPED =
      """
      #!/bin/sh
      trap 'exit 0' TERM
      while :; do sleep 0.05; done
      """;

  /** Outlives the start-up grace, then dies while the checks still run. */
  private static final String CRASHES_AFTER_A_SECOND =
      """
      #!/bin/sh
      sleep 1
      echo "cannot bind port 8081: address already in use"
      exit 3
      """;

  @TempDir Path dir;
  private Journal journal;
  private ProcessTarget target;
  private ServiceConfig api;

  @AfterEach
  void stopAndClose() {
    if (target != null) {
      target.stop(api);
    }
    if (journal != null) {
      journal.close();
    }
  }

  @Test
  void run_checksPassAndTheServiceStillRuns_passes() throws Exception {
    ValidateStep step = deployed(RUNS_UNTIL_STOPPED);

    String summary = step.run(facts());

    assertThat(summary).isEqualTo("2 checks passed");
  }

  @Test
  void run_serviceDiedWhileItsChecksPassed_failsNamingTheService() throws Exception {
    ValidateStep step = deployed(CRASHES_AFTER_A_SECOND);

    assertThatThrownBy(() -> step.run(facts()))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("1 of 2 checks failed on 1.0.0")
        .hasMessageContaining("api runs 1.0.0 (local is not running)")
        .extracting(e -> ((LockstepException) e).errorCode())
        .isEqualTo(ErrorCode.CHECK_FAILED);
  }

  @Test
  void run_httpCheckAnsweredByTheService_passes() throws Exception {
    int port = freePort();
    ValidateStep step =
        deployed(
            "[java, -cp, "
                + quoted(System.getProperty("java.class.path"))
                + ", "
                + HttpServiceMain.class.getName()
                + ", \""
                + port
                + "\", \"{version}\"]",
            httpCheck(port, "30s", 300));

    assertThat(step.run(facts())).isEqualTo("2 checks passed");
  }

  @Test
  void run_httpCheckAnsweredByAForeignProcess_failsNamingIt() throws Exception {
    HttpServer stranger =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stranger.createContext(
        "/",
        exchange -> {
          byte[] body = "{\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    stranger.start();
    try {
      int port = stranger.getAddress().getPort();
      ValidateStep step = deployed(SH_SCRIPT, httpCheck(port, "10s", 3));

      assertThatThrownBy(() -> step.run(facts()))
          .isInstanceOf(LockstepException.class)
          .hasMessageContaining("1 of 2 checks failed on 1.0.0")
          .hasMessageContaining(
              "version (port " + port + " answered by pid " + ProcessHandle.current().pid() + " (")
          .hasMessageContaining("not by a service Lockstep started");
    } finally {
      stranger.stop(0);
    }
  }

  @Test
  void run_serviceDiesWhileItsCheckRetries_stopsTheCheckNamingTheService() throws Exception {
    // Nothing ever listens on the port: without the watch the check would poll it for a minute.
    ValidateStep step =
        deployed(CRASHES_AFTER_A_SECOND, SH_SCRIPT, httpCheck(freePort(), "60s", 600));

    assertThatThrownBy(() -> step.run(facts()))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining(
            "version (stopped trying: api@local is not running (its process has exited")
        .hasMessageContaining("api runs 1.0.0 (local is not running)");
  }

  private static final String SH_SCRIPT = "[sh, \"{artifact}\"]";

  private ValidateStep deployed(String script) throws Exception {
    return deployed(script, SH_SCRIPT, "  - name: slow smoke test\n    command: {run: sleep 2}\n");
  }

  private ValidateStep deployed(String run, String checks) throws Exception {
    return deployed(RUNS_UNTIL_STOPPED, run, checks);
  }

  private static String httpCheck(int port, String deadline, int retries) {
    return "  - name: version\n"
        + "    http: {url: \"http://localhost:"
        + port
        + "/\", assertions: ['$.version == \"1.0.0\"']}\n"
        + "    deadline: "
        + deadline
        + "\n    retries: "
        + retries
        + "\n    interval: 100ms\n";
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The api installed from {@code script}, started with {@code run}, and {@code checks}. */
  private ValidateStep deployed(String script, String run, String checks) throws Exception {
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(
        config,
        """
        environment: test
        stateDir: state
        database: {name: app, user: app, password: {env: APP_DB_PASSWORD}}
        target: {type: process}
        services:
          api:
            run: %s
            stopTimeout: 5s
        checks:
        %s"""
            .formatted(run, checks));
    DeploymentConfig deployment =
        new ConfigLoader(Variables.of(Map.of("APP_DB_PASSWORD", "secret"))).load(config);
    Path artifact = Files.writeString(dir.resolve("api.sh"), script);
    ReleaseManifest release =
        new ReleaseManifest(
            dir.resolve("release.yaml"),
            "app",
            Version.parse("1.0.0"),
            Map.of("api", new Component("api", new FileArtifact(artifact, Sha256.of(artifact)))),
            null,
            List.of(),
            null);
    target = new ProcessTarget(deployment);
    api = deployment.services().get("api");
    target.install(api, release);
    target.start(api, release);
    Toolbox tools =
        new Toolbox(
            deployment, target, null, null, new CheckRunner(), RunListener.NONE, Clock.systemUTC());
    return new ValidateStep(tools, release, "checks.forward");
  }

  private RunFacts facts() {
    journal = Journal.open(dir.resolve("journal.db"));
    return new RunFacts(journal, journal.startRun(RunKind.UPGRADE, "test", "0.9.0", "1.0.0").id());
  }
}
