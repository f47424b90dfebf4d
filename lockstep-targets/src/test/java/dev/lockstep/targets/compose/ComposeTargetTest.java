package dev.lockstep.targets.compose;

import static dev.lockstep.targets.testing.ComposeEngine.IMAGE_1;
import static dev.lockstep.targets.testing.ComposeEngine.IMAGE_2;
import static dev.lockstep.targets.testing.ComposeEngine.IMAGE_ABSENT;
import static dev.lockstep.targets.testing.ComposeEngine.IMAGE_STRAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.StrayProcess;
import dev.lockstep.targets.TargetException;
import dev.lockstep.targets.testing.ComposeEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose target against the real engine: Podman's Docker API driven by {@code docker compose}
 * v2 (see {@link ComposeEngine}). Each test has a project of its own, taken down after it.
 */
class ComposeTargetTest {
  /**
   * A service that stops at once on SIGTERM, so that a stop is a stop, not a kill at the timeout.
   */
  private static final String IDLE =
      "[\"/bin/sh\", \"-c\", \"trap 'exit 0' TERM; echo $$0 up; sleep 100000 & wait\"]";

  private static final String COMPOSE_FILE =
      """
      services:
        api:
          image: ${API_IMAGE}
          command: %1$s
        worker:
          image: ${WORKER_IMAGE}
          command: %1$s
        crash:
          image: ${API_IMAGE}
          command: ["/bin/sh", "-c", "echo reading config; echo 'fatal: no DATABASE_URL' >&2; exit 3"]
        migrate:
          image: ${API_IMAGE}
          profiles: [tools]
          command: ["/bin/sh", "-c", "echo migrating; echo step 2 of 2; exit ${MIGRATE_EXIT:-0}"]
      """
          .formatted(IDLE);

  @TempDir Path dir;
  private String project;
  private ComposeTarget target;
  private ServiceConfig api;
  private ServiceConfig worker;

  @BeforeAll
  static void engine() {
    ComposeEngine.require();
  }

  @BeforeEach
  void project() throws IOException {
    project = "lockstep-test-" + UUID.randomUUID().toString().substring(0, 8);
    Files.writeString(dir.resolve("compose.yaml"), COMPOSE_FILE);
    Files.writeString(dir.resolve(".env"), "MIGRATE_EXIT=0\n");
    // Compose reads the whole project for any verb, so every image variable is set from the start.
    Files.writeString(
        dir.resolve(".env.images"), "API_IMAGE=" + IMAGE_1 + "\nWORKER_IMAGE=" + IMAGE_1 + "\n");
    release("1.0.0", IMAGE_1);
    release("2.0.0", IMAGE_2);
    release("3.0.0", IMAGE_ABSENT);
    target = target(List.of(dir.resolve(".env")));
    api = service("api", "API_IMAGE");
    worker = service("worker", "WORKER_IMAGE");
  }

  @AfterEach
  void down() {
    ComposeEngine.down(dir, project);
  }

  @Test
  void install_writesThePinsAtOnce_andKeepsTheFileAsItWasAsPrevious() throws IOException {
    Path pins = dir.resolve(".env.images");
    String before = "# pinned by Lockstep\nAPI_IMAGE=localhost/old:0\nOTHER=kept\n";
    Files.writeString(pins, before);

    timed("install api 1.0.0", () -> target.install(api, manifest("1.0.0")));
    target.install(worker, manifest("1.0.0"));
    target.install(api, manifest("2.0.0"));

    assertThat(Files.readString(pins))
        .isEqualTo(
            "# pinned by Lockstep\nAPI_IMAGE="
                + IMAGE_2
                + "\nOTHER=kept\nWORKER_IMAGE="
                + IMAGE_1
                + "\n");
    assertThat(dir.resolve(".env.images.previous")).hasContent(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("tmp"));
    }
    assertThat(dir.resolve(".env")).hasContent("MIGRATE_EXIT=0");
  }

  @Test
  void startAll_thenASecondRelease_switchesImages_andStatusFollows_thenStopAll() {
    ReleaseManifest first = manifest("1.0.0");
    target.install(api, first);
    target.install(worker, first);

    timed("startAll api+worker 1.0.0 (create)", () -> target.startAll(List.of(api, worker), first));
    List<ServiceStatus> up = timed("statusAll", () -> target.statusAll(List.of(api, worker)));

    assertThat(up).extracting(s -> s.nodes().get(0).running()).containsExactly(true, true);
    assertThat(up).extracting(s -> s.nodes().get(0).version()).containsExactly("1.0.0", "1.0.0");
    assertThat(up.get(0).nodes().get(0).detail()).contains(project + "-api-1 running", IMAGE_1);

    ReleaseManifest second = manifest("2.0.0");
    timed("stopAll api+worker", () -> target.stopAll(List.of(api, worker)));
    timed("install api 2.0.0", () -> target.install(api, second));
    target.install(worker, second);
    timed(
        "startAll api+worker 2.0.0 (recreate)",
        () -> target.startAll(List.of(api, worker), second));

    assertThat(target.statusAll(List.of(api, worker)))
        .extracting(s -> s.nodes().get(0).version())
        .containsExactly("2.0.0", "2.0.0");
    assertThat(target.status(worker).nodes().get(0).detail()).contains(IMAGE_2);

    timed("startAll again (already running)", () -> target.startAll(List.of(api, worker), second));
    timed("stopAll api+worker", () -> target.stopAll(List.of(api, worker)));

    assertThat(target.statusAll(List.of(api, worker)))
        .extracting(s -> s.nodes().get(0).running())
        .containsExactly(false, false);
  }

  @Test
  void status_imageFromNoKnownRelease_isReportedAsSuch() {
    target.pins().write(Map.of("API_IMAGE", IMAGE_STRAY, "WORKER_IMAGE", IMAGE_1));
    target.startAll(List.of(api), manifest("1.0.0"));

    NodeStatus node = target.status(api).nodes().get(0);

    assertThat(node.running()).isTrue();
    assertThat(node.version()).isNull();
    assertThat(node.detail()).contains(IMAGE_STRAY, "from no known release");
    assertThat(node.unknownArtifact()).isTrue();
  }

  @Test
  void status_noContainer_isNotRunning() {
    target.pins().write(Map.of("API_IMAGE", IMAGE_1, "WORKER_IMAGE", IMAGE_1));

    NodeStatus node = target.status(api).nodes().get(0);

    assertThat(node.running()).isFalse();
    assertThat(node.detail()).isEqualTo("no container");
  }

  @Test
  void install_missingImage_failsNamingIt_andLeavesThePinsAlone() throws IOException {
    String before = Files.readString(dir.resolve(".env.images"));

    assertThatThrownBy(() -> target.install(api, manifest("3.0.0")))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining(
            "the image " + IMAGE_ABSENT + " of release 3.0.0 is not on the engine")
        .hasMessageContaining("Fix: pull or build it first");

    assertThat(dir.resolve(".env.images")).hasContent(before.strip());
    assertThat(dir.resolve(".env.images.previous")).doesNotExist();
  }

  @Test
  void startAll_containerThatExitsAtOnce_failsNamingItWithItsLogTail() {
    target.pins().write(Map.of("API_IMAGE", IMAGE_1, "WORKER_IMAGE", IMAGE_1));
    ServiceConfig crash = service("crash", "API_IMAGE");

    assertThatThrownBy(() -> target.startAll(List.of(crash), manifest("1.0.0")))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("service crash: its container " + project + "-crash-1")
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("fatal: no DATABASE_URL");
  }

  @Test
  void migrate_runsTheOneShotOnce_withItsExitCodeAndOutput() throws IOException {
    target.pins().write(Map.of("API_IMAGE", IMAGE_1, "WORKER_IMAGE", IMAGE_1));
    Path log = dir.resolve("migrate.log");

    ProcessResult ok =
        timed(
            "migrate (run + rm, exit 0)",
            () -> target.migrate(manifest("1.0.0"), Duration.ofMinutes(2), log));
    Files.writeString(dir.resolve(".env"), "MIGRATE_EXIT=4\n");
    ProcessResult failed =
        target(List.of(dir.resolve(".env"))).migrate(manifest("1.0.0"), Duration.ofMinutes(2), log);

    assertThat(ok.exitCode()).isZero();
    assertThat(ok.tail()).contains("migrating", "step 2 of 2");
    assertThat(failed.exitCode()).isEqualTo(4);
    assertThat(failed.tail()).contains("migrating");
    assertThat(Files.readString(log)).contains("run --name " + project + "-migrate-lockstep-");
    assertThat(containersOfProject()).as("the one-off container is removed").isEmpty();
  }

  @Test
  void reconcileAll_removesTheOneShotsAKilledLockstepLeft_runningOrExited_andNothingElse() {
    String prefix = project + "-migrate-lockstep-";
    compose("run", "-d", "--name", prefix + "running", "api");
    compose("run", "--name", prefix + "exited", "migrate");
    String own = project + "-operators-own";
    compose("run", "-d", "--name", own, "api");
    try {
      List<StrayProcess> removed = target.reconcileAll(List.of(api, worker));

      assertThat(removed)
          .extracting(StrayProcess::describe)
          .containsExactlyInAnyOrder(
              "container " + prefix + "running of migrate@local",
              "container " + prefix + "exited of migrate@local");
      assertThat(containersOfProject()).containsExactly(own);
      assertThat(target.reconcileAll(List.of(api))).isEmpty();
    } finally {
      ComposeEngine.run(List.of("docker", "rm", "-f", own), dir);
    }
  }

  private void compose(String... verb) {
    ComposeEngine.run(target.command().argv(List.of(verb)), dir);
  }

  private List<String> containersOfProject() {
    return ComposeEngine.run(
            List.of(
                "docker",
                "ps",
                "--all",
                "--filter",
                "label=com.docker.compose.project=" + project,
                "--format",
                "{{.Names}}"),
            dir)
        .output()
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }

  private ComposeTarget target(List<Path> envFiles) {
    ComposeConfig compose =
        new ComposeConfig(
            project,
            List.of(dir.resolve("compose.yaml")),
            List.of(),
            envFiles,
            dir.resolve(".env.images"),
            "migrate",
            List.of(),
            Duration.ofSeconds(60));
    return new ComposeTarget(
        compose,
        dir,
        dir.resolve("logs"),
        ProcessRunner.standalone(),
        ProgramPath.fromEnvironment(),
        new ReleaseCatalog(dir.resolve("releases")));
  }

  private static ServiceConfig service(String name, String variable) {
    return new ServiceConfig(
        name,
        name.equals("crash") ? "api" : name,
        List.of("local"),
        null,
        null,
        Map.of(),
        Duration.ofSeconds(5),
        null,
        null,
        null,
        null,
        List.of(),
        variable);
  }

  private void release(String version, String image) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("releases").resolve(version));
    Files.writeString(
        folder.resolve("release.yaml"),
        """
        product: notes
        version: %s
        components:
          api:
            image: %s
          worker:
            image: %s
        """
            .formatted(version, image, image));
  }

  private ReleaseManifest manifest(String version) {
    return new ReleaseCatalog(dir.resolve("releases")).get(Version.parse(version));
  }

  private static void timed(String what, Runnable action) {
    timed(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  private static <T> T timed(String what, Supplier<T> action) {
    long start = System.nanoTime();
    T result = action.get();
    System.out.printf(
        "[compose timing] %s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    return result;
  }
}
