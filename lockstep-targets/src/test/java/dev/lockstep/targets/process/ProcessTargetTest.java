package dev.lockstep.targets.process;

import static dev.lockstep.targets.Fixtures.fileRelease;
import static dev.lockstep.targets.Fixtures.processService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.Fixtures;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTargetTest {
  /** Prints its arguments and environment, then runs until SIGTERM. */
  private static final String SERVICE_SCRIPT =
      """
      #!/bin/sh
      echo "started $*"
      echo "greeting=$GREETING"
      trap 'echo "got TERM"; exit 0' TERM
      while :; do sleep 0.05; done
      """;

  private static final String STUBBORN_SCRIPT =
      """
      #!/bin/sh
      trap '' TERM
      echo stubborn
      while :; do sleep 0.05; done
      """;

  private static final List<String> RUN =
      List.of("sh", "{artifact}", "{version}", "{node}", "{service}", "{component}");

  @TempDir Path dir;
  private Path stateDir;
  private ProcessTarget target;
  private ServiceConfig api;

  @BeforeEach
  void setUp() {
    stateDir = dir.resolve(".lockstep");
    target =
        new ProcessTarget(
            stateDir, stateDir.resolve("services"), stateDir.resolve("logs"), List.of());
    api = processService("api", List.of("local"), RUN, Map.of(), Duration.ofSeconds(5));
  }

  @AfterEach
  void noProcessLeftBehind() {
    List<ProcessHandle> left =
        ProcessHandle.current().descendants().filter(LiveProcess::isRunning).toList();
    left.forEach(ProcessHandle::destroyForcibly);
    assertThat(left).as("processes left running").isEmpty();
  }

  @Test
  void install_copiesVerifiedArtifactAndRecordsTheVersion() throws IOException {
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);

    target.install(api, release);

    Path installed = stateDir.resolve("artifacts/1.0.0/api/service.sh");
    assertThat(Sha256.of(installed)).isEqualTo(Sha256.of(artifactOf(release)));
    ProcessState state = new StateStore(stateDir.resolve("services")).read("api", "local").get();
    assertThat(state.version()).isEqualTo("1.0.0");
    assertThat(state.artifact()).isEqualTo(installed.toAbsolutePath().toString());
    assertThat(state.pid()).isNull();
    assertThat(stateDir.resolve("services/api@local.json")).exists();
  }

  @Test
  void install_digestMismatch_isRefusedNamingFileAndDigests() throws IOException {
    Path file = writeScript("1.0.0", SERVICE_SCRIPT);
    String expected = Sha256.of("something else".getBytes());
    ReleaseManifest release = Fixtures.release("1.0.0", "api", new FileArtifact(file, expected));

    assertThatThrownBy(() -> target.install(api, release))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(expected)
        .hasMessageContaining(Sha256.of(file))
        .extracting(e -> ((LockstepException) e).errorCode())
        .isEqualTo(ErrorCode.DIGEST_MISMATCH);
    assertThat(stateDir.resolve("artifacts/1.0.0/api/service.sh")).doesNotExist();
    assertThat(stateDir.resolve("services/api@local.json")).doesNotExist();
  }

  @Test
  void install_imageArtifact_isRefused() {
    ReleaseManifest release =
        Fixtures.release(
            "1.0.0", "api", new ImageArtifact("ghcr.io/acme/api@sha256:" + "a".repeat(64)));

    assertThatThrownBy(() -> target.install(api, release))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("container image")
        .hasMessageContaining("target.type: command");
  }

  @Test
  void install_componentMissingFromRelease_isRefused() throws IOException {
    ReleaseManifest release = fileRelease("1.0.0", "worker", writeScript("1.0.0", "x"));

    assertThatThrownBy(() -> target.install(api, release))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("component 'api'")
        .hasMessageContaining("[worker]");
  }

  @Test
  void start_runsTheServiceDetachedAndRecordsItsOwnPid() throws Exception {
    ServiceConfig greeter =
        processService("api", List.of("local"), RUN, Map.of("GREETING", "hello"), ofSeconds(5));
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(greeter, release);

    target.start(greeter, release);

    ProcessState state = state("api", "local");
    ProcessHandle process = ProcessHandle.of(state.pid()).orElseThrow();
    assertThat(process.isAlive()).isTrue();
    assertThat(process.info().startInstant()).contains(state.processStartInstant());
    assertThat(process.info().command().orElseThrow()).doesNotEndWith("setsid");
    // Its own session: the terminal's Ctrl-C, sent to Lockstep's process group, misses it.
    assertThat(sessionOf(state.pid())).isEqualTo(state.pid());
    assertThat(state.runningVersion()).isEqualTo("1.0.0");
    String log = awaitLog("api@local.log", "greeting=");
    assertThat(log)
        .contains("started 1.0.0 local api api", "greeting=hello")
        .contains("starting api@local");
    assertThat(target.status(greeter).nodes())
        .containsExactly(new NodeStatus("local", true, "1.0.0", "pid " + state.pid()));

    target.stop(greeter);
  }

  @Test
  void start_twice_leavesTheRunningProcessAlone() throws IOException {
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(api, release);
    target.start(api, release);
    long pid = state("api", "local").pid();

    target.start(api, release);

    assertThat(state("api", "local").pid()).isEqualTo(pid);
    assertThat(
            ProcessHandle.current().descendants().filter(LiveProcess::isRunning).map(p -> p.pid()))
        .contains(pid);
    target.stop(api);
  }

  @Test
  void start_withoutInstall_isRefused() throws IOException {
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);

    assertThatThrownBy(() -> target.start(api, release))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("has nothing installed, not 1.0.0")
        .hasMessageContaining("install 1.0.0 first");
  }

  @Test
  void start_serviceThatExitsAtOnce_failsWithItsOutput() throws IOException {
    ServiceConfig broken =
        processService(
            "api",
            List.of("local"),
            List.of("sh", "-c", "echo cannot bind port 8080 >&2; exit 3"),
            Map.of(),
            ofSeconds(5));
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(broken, release);

    assertThatThrownBy(() -> target.start(broken, release))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("api@local exited with code 3")
        .hasMessageContaining("cannot bind port 8080")
        .hasMessageContaining("api@local.log");
    assertThat(state("api", "local").pid()).isNull();
    assertThat(target.status(broken).anyRunning()).isFalse();
  }

  @Test
  void start_missingProgram_failsNamingTheCommand() throws IOException {
    ServiceConfig broken =
        processService(
            "api", List.of("local"), List.of("no-such-program-xyz"), Map.of(), ofSeconds(5));
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(broken, release);
    // With setsid it is setsid that fails to find the program, after it started.
    assertThatThrownBy(() -> target.start(broken, release))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("no-such-program-xyz");
  }

  @Test
  void stop_sendsSigtermAndKeepsTheInstalledVersion() throws IOException {
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(api, release);
    target.start(api, release);
    awaitLog("api@local.log", "greeting=");
    long pid = state("api", "local").pid();

    target.stop(api);

    assertThat(ProcessHandle.of(pid).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(awaitLog("api@local.log", "got TERM")).contains("got TERM");
    ProcessState state = state("api", "local");
    assertThat(state.pid()).isNull();
    assertThat(state.version()).isEqualTo("1.0.0");
    assertThat(target.status(api).nodes())
        .containsExactly(new NodeStatus("local", false, "1.0.0", "not running"));

    target.stop(api);
  }

  @Test
  void stop_processIgnoringSigterm_isKilledAfterStopTimeout() throws IOException {
    ServiceConfig stubborn =
        processService("api", List.of("local"), RUN, Map.of(), Duration.ofMillis(500));
    ReleaseManifest release = release("1.0.0", STUBBORN_SCRIPT);
    target.install(stubborn, release);
    target.start(stubborn, release);
    awaitLog("api@local.log", "stubborn");
    long pid = state("api", "local").pid();

    long started = System.nanoTime();
    target.stop(stubborn);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(ProcessHandle.of(pid).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(log("api@local.log")).contains("after SIGTERM; sending SIGKILL");
  }

  @Test
  void status_pidReusedByAnotherProcess_isNotRunningAndStopLeavesItAlone() throws IOException {
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(api, release);
    ProcessHandle stranger = ProcessHandle.current();
    Instant strangerStart = stranger.info().startInstant().orElseThrow();
    new StateStore(stateDir.resolve("services"))
        .write(
            state("api", "local")
                .running(stranger.pid(), strangerStart.minusSeconds(3600), Instant.now()));

    ServiceStatus status = target.status(api);
    target.stop(api);

    assertThat(status.nodes())
        .containsExactly(
            new NodeStatus(
                "local", false, "1.0.0", "not running (pid " + stranger.pid() + " has exited)"));
    assertThat(stranger.isAlive()).isTrue();
    assertThat(state("api", "local").pid()).isNull();
  }

  @Test
  void status_deadPid_isNotRunning_andStartStartsAgain() throws Exception {
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(api, release);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Instant goneStart = gone.info().startInstant().orElse(Instant.now());
    new StateStore(stateDir.resolve("services"))
        .write(state("api", "local").running(gone.pid(), goneStart, Instant.now()));

    assertThat(target.status(api).anyRunning()).isFalse();
    target.start(api, release);

    assertThat(state("api", "local").pid()).isNotEqualTo(gone.pid());
    assertThat(target.status(api).anyRunning()).isTrue();
    target.stop(api);
  }

  @Test
  void installWhileRunning_keepsTheRunningVersionUntilRestarted() throws IOException {
    ReleaseManifest first = release("1.0.0", SERVICE_SCRIPT);
    ReleaseManifest second = release("1.1.0", SERVICE_SCRIPT);
    target.install(api, first);
    target.start(api, first);

    target.install(api, second);

    assertThat(target.status(api).nodes().get(0).version()).isEqualTo("1.0.0");
    assertThatThrownBy(() -> target.start(api, second))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("already runs 1.0.0")
        .hasMessageContaining("stop it before starting 1.1.0");
    target.stop(api);
    target.start(api, second);
    assertThat(target.status(api).nodes().get(0).version()).isEqualTo("1.1.0");
    assertThat(awaitLog("api@local.log", "started 1.1.0")).contains("started 1.1.0 local");
    target.stop(api);
  }

  @Test
  void everyNode_getsItsOwnProcessStateAndLog() throws IOException {
    ServiceConfig pair = processService("api", List.of("a", "b"), RUN, Map.of(), ofSeconds(5));
    ReleaseManifest release = release("1.0.0", SERVICE_SCRIPT);
    target.install(pair, release);

    target.start(pair, release);

    assertThat(state("api", "a").pid()).isNotEqualTo(state("api", "b").pid());
    assertThat(awaitLog("api@b.log", "started")).contains("started 1.0.0 b api api");
    assertThat(target.status(pair).nodes()).allMatch(NodeStatus::running);
    target.stop(pair);
    assertThat(target.status(pair).anyRunning()).isFalse();
  }

  @Test
  void stopAll_signalsEveryNodeBeforeWaitingOutAnyStopTimeout() throws IOException {
    // Each node ignores SIGTERM and notes whether the other one still ran when its TERM came:
    // stopped one after the other, the second's TERM would come after the first was killed.
    String script =
        """
        #!/bin/sh
        echo $$ > "$PIDS/$2.pid"
        trap 'for f in "$PIDS"/*.pid; do kill -0 "$(cat "$f")" 2>/dev/null && echo "TERM while $f ran"; done' TERM
        echo up
        while :; do sleep 0.05; done
        """;
    Path pids = Files.createDirectories(dir.resolve("pids"));
    ServiceConfig pair =
        processService(
            "api", List.of("a", "b"), RUN, Map.of("PIDS", pids.toString()), ofSeconds(1));
    ReleaseManifest release = release("1.0.0", script);
    target.install(pair, release);
    target.start(pair, release);
    awaitLog("api@a.log", "up");
    awaitLog("api@b.log", "up");
    long a = state("api", "a").pid();
    long b = state("api", "b").pid();

    target.stopAll(List.of(pair));

    // The nodes' own processes; a `sleep` the loop forked after its children were listed may
    // outlive its shell by up to 50 ms, which is why status is not asked here.
    assertThat(ProcessHandle.of(a).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(ProcessHandle.of(b).filter(LiveProcess::isRunning)).isEmpty();
    assertThat(log("api@a.log")).contains("TERM while " + pids.resolve("b.pid") + " ran");
    assertThat(log("api@b.log")).contains("TERM while " + pids.resolve("a.pid") + " ran");
  }

  @Test
  void startAll_launchesEveryNodeBeforeWaitingOutTheStartupGrace() throws IOException {
    ServiceConfig broken =
        processService(
            "api",
            List.of("local"),
            List.of("sh", "-c", "echo cannot bind port 8080 >&2; exit 3"),
            Map.of(),
            ofSeconds(5));
    // A second service of the same component: the release's one artifact serves both.
    ServiceConfig worker =
        new ServiceConfig(
            "worker",
            "api",
            List.of("local"),
            RUN,
            null,
            Map.of(),
            ofSeconds(5),
            null,
            null,
            null,
            null);
    ReleaseManifest both = release("1.0.0", SERVICE_SCRIPT);
    target.install(broken, both);
    target.install(worker, both);

    assertThatThrownBy(() -> target.startAll(List.of(broken, worker), both))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("api@local exited with code 3");

    // The worker was launched before the api's grace ran out, and is recorded to be stopped.
    assertThat(state("worker", "local").pid()).isNotNull();
    assertThat(target.status(worker).anyRunning()).isTrue();
    assertThat(state("api", "local").pid()).isNull();
    target.stopAll(List.of(broken, worker));
    assertThat(target.status(worker).anyRunning()).isFalse();
  }

  private ReleaseManifest release(String version, String script) throws IOException {
    return fileRelease(version, "api", writeScript(version, script));
  }

  private Path writeScript(String version, String script) throws IOException {
    Path file = dir.resolve("releases").resolve(version).resolve("service.sh");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, script);
  }

  private static Path artifactOf(ReleaseManifest release) {
    return ((FileArtifact) release.component("api").orElseThrow().artifact()).path();
  }

  private ProcessState state(String service, String node) {
    return new StateStore(stateDir.resolve("services")).read(service, node).orElseThrow();
  }

  private String log(String name) throws IOException {
    return Files.readString(stateDir.resolve("logs").resolve(name));
  }

  /** The service writes its log on its own schedule; waits up to 5 s for {@code text}. */
  private String awaitLog(String name, String text) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String log = log(name);
    while (!log.contains(text) && System.nanoTime() < deadline) {
      sleep(20);
      log = log(name);
    }
    return log;
  }

  private static long sessionOf(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]);
  }

  private static Duration ofSeconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
