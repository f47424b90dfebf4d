package dev.lockstep.targets.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.StrayProcess;
import dev.lockstep.targets.host.PortHolder;
import dev.lockstep.targets.host.PortHolders;
import dev.lockstep.targets.host.ProcFs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockstep killed after a service's process exists but before its pid is written down: the process
 * is found by its marker, reported as running, and stopped before anything else starts.
 */
class UnrecordedStartTest {
  @TempDir Path dir;
  private Path stateDir;
  private int port;
  private ServiceConfig api;
  private ReleaseManifest release;
  private ProcessTarget target;
  private Process lockstep;

  /** The api, listening on {@code port} and answering with the release it runs. */
  static ServiceConfig listeningService(int port) {
    return new ServiceConfig(
        "api",
        "api",
        List.of("local"),
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ListenMain.class.getName(),
            Integer.toString(port),
            "{version}"),
        null,
        Map.of(),
        Duration.ofSeconds(5),
        null,
        null,
        null,
        null,
        List.of(port));
  }

  @BeforeEach
  void killLockstepBetweenStartAndRecord() throws Exception {
    stateDir = dir.resolve(".lockstep");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    api = listeningService(port);
    Path artifact = Files.writeString(dir.resolve("api.txt"), "the api");
    release = Fixtures.fileRelease("1.1.0", "api", artifact);
    target =
        new ProcessTarget(
            stateDir, stateDir.resolve("services"), stateDir.resolve("logs"), List.of());
    lockstep =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LaunchThenPauseMain.class.getName(),
                stateDir.toString(),
                artifact.toString(),
                Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    assertThat(firstLine(lockstep)).isEqualTo("launched");
    lockstep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopEverything() {
    lockstep.destroyForcibly();
    target.stop(api);
    // The kernel may close a stopped process's socket a moment after the process is gone.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!PortHolders.on(port).isEmpty() && System.nanoTime() < deadline) {
      sleep();
    }
    assertThat(PortHolders.on(port)).as("left listening on " + port).isEmpty();
  }

  @Test
  void theKilledStart_leftATokenAndNoPid_andStatusSaysItRunsUnrecorded() {
    long orphan = awaitListener().pid();

    ProcessState state = new StateStore(stateDir.resolve("services")).read("api", "local").get();
    NodeStatus node = target.status(api).nodes().get(0);

    assertThat(state.launchToken()).isNotNull();
    assertThat(state.pid()).isNull();
    assertThat(markerOf(orphan)).contains(state.launchToken());
    assertThat(node.running()).isTrue();
    assertThat(node.version()).isEqualTo("1.1.0");
    assertThat(node.detail())
        .startsWith("pid " + orphan + ", not recorded by Lockstep")
        .contains("`lockstep resume`");
    assertThat(target.processes(api).orElseThrow().notRunning()).containsExactly("local");
  }

  @Test
  void reconcile_stopsTheUnrecordedProcessAndNamesIt() {
    long orphan = awaitListener().pid();

    List<StrayProcess> stopped = target.reconcile(api);

    assertThat(stopped).hasSize(1);
    assertThat(stopped.get(0).pid()).isEqualTo(orphan);
    assertThat(stopped.get(0).describe())
        .startsWith("pid " + orphan + " (")
        .contains(ListenMain.class.getName())
        .endsWith(" of api@local");
    assertThat(ProcessHandle.of(orphan).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(PortHolders.on(port)).noneMatch(holder -> holder.pid() != null);
    assertThat(target.status(api).anyRunning()).isFalse();
    assertThat(new StateStore(stateDir.resolve("services")).read("api", "local").get())
        .extracting(ProcessState::launchToken)
        .isNull();
    assertThat(target.reconcile(api)).isEmpty();
  }

  @Test
  void start_stopsTheUnrecordedProcessFirst_thenRunsExactlyOneCopy() {
    long orphan = awaitListener().pid();

    target.start(api, release);

    long started = new StateStore(stateDir.resolve("services")).read("api", "local").get().pid();
    assertThat(started).isNotEqualTo(orphan);
    assertThat(ProcessHandle.of(orphan).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(awaitListener().pid()).isEqualTo(started);
    assertThat(Files.exists(stateDir.resolve("logs/api@local.log"))).isTrue();
    assertThat(target.status(api).nodes())
        .containsExactly(new NodeStatus("local", true, "1.1.0", "pid " + started));
  }

  @Test
  void stop_stopsTheUnrecordedProcessToo() {
    long orphan = awaitListener().pid();

    target.stop(api);

    assertThat(ProcessHandle.of(orphan).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(target.status(api).anyRunning()).isFalse();
  }

  private static String markerOf(long pid) {
    return ProcFs.environmentVariable(pid, ServiceMarker.VARIABLE).orElse("");
  }

  /** The JVM behind the service takes a moment to listen; waits up to 20 s. */
  private PortHolder awaitListener() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<PortHolder> holders = PortHolders.on(port);
      if (!holders.isEmpty() && holders.get(0).pid() != null) {
        return holders.get(0);
      }
      sleep();
    }
    throw new AssertionError("nothing listens on " + port + " after 20 s");
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String firstLine(Process process) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return reader.readLine();
              } catch (IOException e) {
                return e.toString();
              }
            })
        .get(60, TimeUnit.SECONDS);
  }
}
