package dev.lockstep.targets.command;

import static dev.lockstep.targets.Fixtures.commandService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.HostConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.TargetException;
import dev.lockstep.targets.testing.RealSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command target with nodes on two real sshd "hosts" beside one local node. */
class CommandTargetOnHostsTest {
  private static RealSshd web1;
  private static RealSshd web2;

  @TempDir Path dir;
  private CommandTarget target;
  private Path artifact;
  private ReleaseManifest release;

  @BeforeAll
  static void startHosts() {
    web1 = RealSshd.start();
    web2 = RealSshd.start();
  }

  @AfterAll
  static void stopHosts() {
    web1.close();
    web2.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    target = target(web1.host("web-1"), web2.host("web-2"));
    artifact = Files.writeString(dir.resolve("server-2.3.1.jar"), "the 2.3.1 build\n");
    release = Fixtures.fileRelease("2.3.1", "server", artifact);
  }

  @AfterEach
  void close() {
    target.close();
  }

  @Test
  void install_copiesTheReleaseFileToEachHostCheckedAndRunsTheCommandThere() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    ServiceConfig server =
        commandService(
            "server",
            List.of("local", "web-1", "web-2"),
            "true",
            "cp {artifact} " + out + "/{node}.jar && echo \"$HOME\" > " + out + "/{node}.home",
            "true",
            null);

    target.install(server, release);

    for (String node : List.of("local", "web-1", "web-2")) {
      assertThat(out.resolve(node + ".jar")).hasContent("the 2.3.1 build");
    }
    Path copy = web1.home().resolve(".lockstep/artifacts/server/2.3.1/server-2.3.1.jar");
    assertThat(Sha256.of(copy)).isEqualTo(Sha256.of(artifact));
    assertThat(out.resolve("web-1.home")).hasContent(web1.home().toString());
    assertThat(out.resolve("web-2.home")).hasContent(web2.home().toString());
    assertThat(Files.readString(dir.resolve("logs/target.log")))
        .contains("server@web-2 install on web-2 (")
        .contains("checked there");
  }

  @Test
  void prepare_copiesTheReleaseFileToEachHostRunningNothing_andInstallChecksTheCopyAsItRuns()
      throws IOException {
    // A release of its own: the hosts, shared by the tests, keep the copies they are given.
    Path build = Files.writeString(dir.resolve("server-2.4.0.jar"), "the 2.4.0 build\n");
    ReleaseManifest next = Fixtures.fileRelease("2.4.0", "server", build);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path marker = dir.resolve("ran");
    ServiceConfig server =
        commandService(
            "server",
            List.of("local", "web-1", "web-2"),
            "touch " + marker,
            "cp {artifact} " + out + "/{node}.jar",
            "touch " + marker,
            null);

    target.prepare(server, next);

    String copy = ".lockstep/artifacts/server/2.4.0/server-2.4.0.jar";
    for (RealSshd host : List.of(web1, web2)) {
      assertThat(Sha256.of(host.home().resolve(copy))).isEqualTo(Sha256.of(build));
    }
    assertThat(marker).doesNotExist();
    assertThat(out).isEmptyDirectory();
    Path log = dir.resolve("logs/target.log");
    assertThat(copiesIn(log)).hasSize(2);

    // web-2's copy changes after it was checked: its install copies the file again first.
    Files.writeString(web2.home().resolve(copy), "tampered\n");
    target.install(server, next);

    for (String node : List.of("local", "web-1", "web-2")) {
      assertThat(out.resolve(node + ".jar")).as(node).hasContent("the 2.4.0 build");
    }
    assertThat(copiesIn(log))
        .as("copies made by install")
        .hasSize(3)
        .last()
        .asString()
        .contains("to web-2 (");
    assertThat(Files.readString(log))
        .contains("server@web-1 install on web-1 (")
        .contains("sha256sum");
  }

  private static List<String> copiesIn(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.contains("] copied ")).toList();
  }

  @Test
  void status_asksEachHostForTheVersion() throws IOException {
    Files.writeString(web1.home().resolve("version"), "acme 2.3.1\n");
    Files.writeString(web2.home().resolve("version"), "acme 2.3.0\n");
    ServiceConfig server =
        commandService(
            "server", List.of("web-1", "web-2"), "true", "true", "true", "cat \"$HOME/version\"");

    ServiceStatus status = target.status(server);

    assertThat(status.nodes())
        .extracting(ServiceStatus.NodeStatus::node, ServiceStatus.NodeStatus::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web-1", "2.3.1"),
            org.assertj.core.groups.Tuple.tuple("web-2", "2.3.0"));
  }

  @Test
  void start_failingOnAHost_namesTheHostTheCommandAndItsOutput() {
    ServiceConfig server =
        commandService(
            "server",
            List.of("web-1"),
            "true",
            "true",
            "echo 'port 8080 is taken' >&2; exit 3",
            null);

    assertThatThrownBy(() -> target.start(server, release))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("server@web-1")
        .hasMessageContaining("exit code 3")
        .hasMessageContaining("port 8080 is taken");
  }

  @Test
  void anyCommand_onAHostWhoseKeyIsUnknown_isRefusedBeforeItRuns() throws IOException {
    HostConfig known = web1.host("web-1");
    Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
    HostConfig unknown =
        new HostConfig(
            known.name(), known.address(), known.port(), known.user(), known.keyFile(), empty);
    CommandTarget strict = target(unknown, web2.host("web-2"));
    Path marker = dir.resolve("ran");
    ServiceConfig server =
        commandService("server", List.of("web-1"), "touch " + marker, "true", "true", null);
    try {
      assertThatThrownBy(() -> strict.stop(server))
          .isInstanceOf(LockstepException.class)
          .extracting(e -> ((LockstepException) e).errorCode())
          .isEqualTo(ErrorCode.HOST_KEY_REJECTED);
      assertThat(marker).doesNotExist();
    } finally {
      strict.close();
    }
  }

  private CommandTarget target(HostConfig... hosts) {
    Map<String, HostConfig> byName = new java.util.LinkedHashMap<>();
    for (HostConfig host : hosts) {
      byName.put(host.name(), host);
    }
    return new CommandTarget(
        "/bin/sh", dir, dir.resolve("logs"), Duration.ofSeconds(60), List.of(), byName);
  }
}
