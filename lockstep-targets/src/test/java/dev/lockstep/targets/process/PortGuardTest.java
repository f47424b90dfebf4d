package dev.lockstep.targets.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import dev.lockstep.targets.TargetException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service does not start while a process Lockstep did not start holds one of its ports. */
class PortGuardTest {
  @TempDir Path dir;
  private Path stateDir;
  private ProcessTarget target;
  private ReleaseManifest release;

  @BeforeEach
  void setUp() throws Exception {
    stateDir = dir.resolve(".lockstep");
    target =
        new ProcessTarget(
            stateDir, stateDir.resolve("services"), stateDir.resolve("logs"), List.of());
    release = Fixtures.fileRelease("1.0.0", "api", Files.writeString(dir.resolve("a.txt"), "a"));
  }

  @AfterEach
  void noProcessLeftBehind() {
    List<ProcessHandle> left =
        ProcessHandle.current().descendants().filter(LiveProcess::isRunning).toList();
    left.forEach(ProcessHandle::destroyForcibly);
    assertThat(left).as("processes left running").isEmpty();
  }

  @Test
  void start_portHeldByAStranger_isRefusedNamingPortPidAndCommand() throws Exception {
    try (ServerSocket stranger = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = stranger.getLocalPort();
      ServiceConfig api = UnrecordedStartTest.listeningService(port);
      target.install(api, release);

      long self = ProcessHandle.current().pid();
      assertThatThrownBy(() -> target.start(api, release))
          .isInstanceOf(TargetException.class)
          .hasMessageContaining("cannot start api@local: port " + port + " (services.api.ports)")
          .hasMessageContaining("is already taken by pid " + self + " (")
          .hasMessageContaining("java")
          .hasMessageContaining("listening on 127.0.0.1:" + port)
          .hasMessageContaining("Fix: stop that process (kill " + self + ")");
      ProcessState state = new StateStore(stateDir.resolve("services")).read("api", "local").get();
      assertThat(state.launchToken()).isNull();
      assertThat(state.pid()).isNull();
    }
  }

  @Test
  void start_portHeldByAChildProcess_isRefusedNamingIt() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process stranger =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ListenMain.class.getName(),
                Integer.toString(port),
                "stranger")
            .start();
    try {
      assertThat(
              new BufferedReader(new InputStreamReader(stranger.getInputStream(), UTF_8))
                  .readLine())
          .isEqualTo("listening on " + port);
      ServiceConfig api = UnrecordedStartTest.listeningService(port);
      target.install(api, release);

      assertThatThrownBy(() -> target.start(api, release))
          .isInstanceOf(TargetException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("pid " + stranger.pid() + " (")
          .hasMessageContaining(ListenMain.class.getName() + " " + port + " stranger")
          .hasMessageNotContaining("of this deployment");
    } finally {
      stranger.destroyForcibly().waitFor();
    }
  }

  @Test
  void start_portsFree_starts() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ServiceConfig api = UnrecordedStartTest.listeningService(port);
    target.install(api, release);

    target.start(api, release);

    assertThat(target.status(api).anyRunning()).isTrue();
    target.stop(api);
  }
}
