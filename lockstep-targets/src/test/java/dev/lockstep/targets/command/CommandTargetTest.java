package dev.lockstep.targets.command;

import static dev.lockstep.targets.Fixtures.commandService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Artifact.PackageArtifact;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTargetTest {
  private static final ReleaseManifest RELEASE =
      Fixtures.release("2.3.1", "server", new PackageArtifact("@acme/server"));

  @TempDir Path dir;
  private CommandTarget target;

  @BeforeEach
  void setUp() {
    target = target(Duration.ofSeconds(30), List.of());
  }

  @AfterEach
  void noProcessLeftBehind() {
    List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
    left.forEach(ProcessHandle::destroyForcibly);
    assertThat(left).as("processes left running").isEmpty();
  }

  @Test
  void render_fillsEveryPlaceholder() {
    ServiceConfig server =
        commandService(
            "server",
            List.of("web-1"),
            "ssh {node} systemctl stop {service}",
            "ssh {node} npm install -g {artifact} # {component} {version}",
            "ssh {node} systemctl start {service}",
            "ssh {node} acme --version");

    assertThat(target.render(server, Action.STOP, null, "web-1").command())
        .isEqualTo("ssh web-1 systemctl stop server");
    assertThat(target.render(server, Action.INSTALL, RELEASE, "web-1").command())
        .isEqualTo("ssh web-1 npm install -g @acme/server@2.3.1 # server 2.3.1");
    assertThat(target.render(server, Action.START, RELEASE, "web-1").argv())
        .containsExactly("/bin/sh", "-c", "ssh web-1 systemctl start server");
    assertThat(target.render(server, Action.VERSION, null, "web-1").command())
        .isEqualTo("ssh web-1 acme --version");
  }

  @Test
  void render_quotesValuesThatAShellWouldSplit() {
    ServiceConfig server =
        commandService("server", List.of("local"), "true", "cp {artifact} /opt", "true", null);
    ReleaseManifest release =
        Fixtures.release(
            "2.3.1",
            "server",
            new FileArtifact(Path.of("/srv/my releases/it's.jar"), "0".repeat(64)));

    assertThat(target.render(server, Action.INSTALL, release, "local").command())
        .isEqualTo("cp '/srv/my releases/it'\\''s.jar' /opt");
  }

  @Test
  void render_releasePlaceholderWithoutRelease_isAConfigError() {
    ServiceConfig server =
        commandService("server", List.of("local"), "stop-{version}", "true", "true", null);

    assertThatThrownBy(() -> target.render(server, Action.STOP, null, "local"))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("services.server.stop uses {version} or {artifact}")
        .extracting(e -> ((LockstepException) e).errorCode())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }

  @Test
  void install_runsTheRenderedCommandOncePerNodeInTheWorkingDir() throws IOException {
    ServiceConfig server =
        commandService(
            "server",
            List.of("a", "b"),
            "echo stop {node} >> calls.txt",
            "echo install {service}@{node} {version} {artifact} >> calls.txt",
            "echo start {node} >> calls.txt",
            null);

    target.stop(server);
    target.install(server, RELEASE);
    target.start(server, RELEASE);

    assertThat(Files.readAllLines(dir.resolve("calls.txt")))
        .containsExactly(
            "stop a",
            "stop b",
            "install server@a 2.3.1 @acme/server@2.3.1",
            "install server@b 2.3.1 @acme/server@2.3.1",
            "start a",
            "start b");
    assertThat(Files.readString(dir.resolve("logs/target.log")))
        .contains("server@b install: echo install server@b 2.3.1 @acme/server@2.3.1 >> calls.txt")
        .contains("exit 0 after");
  }

  @Test
  void install_failure_namesServiceNodeCommandExitCodeAndOutput() throws IOException {
    ServiceConfig server =
        commandService(
            "server",
            List.of("a", "b"),
            "true",
            "echo fetching {artifact}; echo 'npm ERR! 404 Not Found' >&2; exit 7",
            "true",
            null);

    assertThatThrownBy(() -> target.install(server, RELEASE))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("the install command of server@a failed with exit code 7")
        .hasMessageContaining("echo fetching @acme/server@2.3.1;")
        .hasMessageContaining("  npm ERR! 404 Not Found")
        .hasMessageContaining(dir.resolve("logs/target.log").toString())
        .satisfies(e -> assertThat(((TargetException) e).node()).isEqualTo("a"));
    assertThat(Files.readString(dir.resolve("logs/target.log"))).doesNotContain("server@b");
  }

  @Test
  void start_pastTheDeadline_isKilledWithEverythingItStarted() {
    CommandTarget impatient = target(Duration.ofMillis(500), List.of());
    ServiceConfig server =
        commandService("server", List.of("local"), "true", "true", "sleep 30 & sleep 30", null);

    long started = System.nanoTime();
    assertThatThrownBy(() -> impatient.start(server, RELEASE))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("was still running after 500ms and was killed");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void secrets_areMaskedInMessagesAndTheLog() throws IOException {
    CommandTarget careful = target(Duration.ofSeconds(30), List.of(Secret.of("hunter2")));
    ServiceConfig server =
        commandService(
            "server", List.of("local"), "true", "echo password=hunter2; exit 1", "true", null);

    assertThatThrownBy(
            () ->
                careful.install(
                    server,
                    Fixtures.release("2.3.1", "server", new PackageArtifact("@acme/server"))))
        .hasMessageContaining("password=******")
        .hasMessageNotContaining("hunter2");
    assertThat(Files.readString(dir.resolve("logs/target.log"))).doesNotContain("hunter2");
  }

  @Test
  void status_reportsTheVersionTheCommandPrints() {
    ServiceConfig server =
        commandService(
            "server",
            List.of("local"),
            "true",
            "true",
            "true",
            "echo 'listening on 127.0.0.1:3456'; echo '@acme/server v2.3.1 (node 20.11.0)'");

    assertThat(target.status(server).nodes())
        .containsExactly(new NodeStatus("local", true, "2.3.1", "listening on 127.0.0.1:3456"));
  }

  @Test
  void status_failingVersionCommand_isNotRunning() {
    ServiceConfig server =
        commandService("server", List.of("local"), "true", "true", "true", "echo inactive; exit 3");

    assertThat(target.status(server).nodes())
        .containsExactly(
            new NodeStatus("local", false, null, "version command exited 3: inactive"));
  }

  @Test
  void status_withoutVersionCommand_saysItCannotTell() {
    ServiceConfig server = commandService("server", List.of("local"), "true", "true", "true", null);

    assertThat(target.status(server).nodes())
        .containsExactly(
            new NodeStatus("local", false, null, "unknown: services.server.version is not set"));
  }

  @Test
  void missingShell_failsNamingIt() {
    CommandTarget broken =
        new CommandTarget(
            "/no/such/shell", dir, dir.resolve("logs"), Duration.ofSeconds(5), List.of());
    ServiceConfig server = commandService("server", List.of("local"), "true", "true", "true", null);

    assertThatThrownBy(() -> broken.stop(server))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("/no/such/shell")
        .hasMessageContaining("target.shell");
  }

  private CommandTarget target(Duration deadline, List<Secret> secrets) {
    return new CommandTarget("/bin/sh", dir, dir.resolve("logs"), deadline, secrets);
  }
}
