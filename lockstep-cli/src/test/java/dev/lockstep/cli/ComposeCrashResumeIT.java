package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.examples.ComposeDeployment;
import dev.lockstep.examples.ComposeSample;
import dev.lockstep.examples.NotesClient;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of the real jar in the middle of the compose sample's failing 2.0.0 upgrade (its contract
 * migration runs in the migrate one-shot container, its "notes list loads" check fails, so it rolls
 * back by restoring the backup and pinning 1.1.0's images again), then `lockstep resume`: the
 * operator must find 1.1.0's containers running, 1.1.0 pinned, the schema of 1.1.0, every note, and
 * no one-off migrate container left. Each case has its own compose project, database and ports, so
 * a few run at a time. {@code -Dcrash.boundary=<regex>} runs only the boundaries it matches.
 */
@ExtendWith(PostgresExtension.class)
class ComposeCrashResumeIT {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String IMAGES = "localhost/lockstep-notes/";

  /**
   * The boundaries after which the compose target's state differs (the migrate image pinned, the
   * app's pins switched, the new containers up, the pins switched back). A kill while the migrate
   * one-shot runs has a test of its own; the other boundaries are the same for every target and are
   * {@code CrashResumeIT}'s.
   */
  static Stream<String> boundaries() {
    String only = System.getProperty("crash.boundary", "");
    return Stream.of(
            "forward:migrate:finished",
            "forward:install:finished",
            "forward:start-services:finished",
            "rollback:install:finished")
        .filter(point -> only.isBlank() || point.matches(only));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boundaries")
  @Execution(ExecutionMode.CONCURRENT)
  void killAtBoundary_thenResume_puts110BackWithNoNoteLost(String boundary) throws Exception {
    try (ComposeDeployment sample = create()) {
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      List<Long> notes = installWithNotes(sample, lockstep);
      LockstepJar.Running upgrade =
          lockstep.start(Map.of("LOCKSTEP_PAUSE_AT", boundary), "upgrade", "--to", "2.0.0");
      upgrade.awaitStderr("paused at " + boundary, Duration.ofMinutes(3));
      upgrade.kill();

      StatusReport interrupted = status(sample);
      assertThat(interrupted.orphaned()).isTrue();
      assertThat(interrupted.currentStep()).contains("'" + boundary.split(":")[1] + "'");

      Result resumed = lockstep.run("resume");

      assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(3);
      assertBackOn110(sample, notes);
    }
  }

  /**
   * A real kill -9 of the Lockstep JVM alone while the migrate one-shot container runs: the compose
   * client it started and the container are not its to take down, so they may run on. Whatever they
   * do, resume must finish the rollback without losing a note or leaving the container behind.
   */
  @Test
  void killedWhileTheMigrateContainerRuns_resumeFinishesTheRollback() throws Exception {
    try (ComposeDeployment sample = create()) {
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      List<Long> notes = installWithNotes(sample, lockstep);
      LockstepJar.Running upgrade = lockstep.start(Map.of(), "upgrade", "--to", "2.0.0");
      List<ProcessHandle> children = new ArrayList<>();
      try {
        String filter = "name=" + sample.project() + "-migrate-lockstep";
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (sample.engine("ps", "--filter", filter, "--format", "{{.Names}}").isBlank()) {
          assertThat(upgrade.process.isAlive())
              .as("lockstep ended before its migrate container was seen running")
              .isTrue();
          assertThat(System.nanoTime())
              .as("no migrate container in 3 minutes")
              .isLessThan(deadline);
          Thread.sleep(20);
        }
        children.addAll(upgrade.process.descendants().toList());
        upgrade.kill(); // SIGKILL to the JVM only, as the OOM killer or kill -9 <pid> would
        System.out.printf(
            "killed during migrate: container %s; compose children alive: %s%n",
            sample.engine("ps", "-a", "--filter", filter, "--format", "{{.Names}} {{.Status}}"),
            children.stream().filter(ProcessHandle::isAlive).map(p -> p.info().command()).toList());

        Result resumed = lockstep.run("resume");
        System.out.println("resume after the kill during migrate:\n" + resumed.all());

        assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(3);
        assertThat(resumed.all())
            .as("resume names the one-shot container it removed")
            .contains("container " + sample.project() + "-migrate-lockstep-");
        assertBackOn110(sample, notes);
      } finally {
        children.forEach(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static ComposeDeployment create() {
    return ComposeSample.create(
        PostgresExtension.server(),
        "ccrash_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
  }

  /** 1.1.0 installed by the jar and running, with notes 2.0.0 cannot list (no tags). */
  private static List<Long> installWithNotes(ComposeDeployment sample, LockstepJar lockstep) {
    Result installed = lockstep.run("upgrade", "--to", "1.1.0");
    assertThat(installed.exitCode()).as(installed.all()).isZero();
    return List.of(
        sample.notes().write("untagged", "written before the crash", null),
        sample.notes().write("tagged", "also before", "x"));
  }

  private static void assertBackOn110(ComposeDeployment sample, List<Long> notes) throws Exception {
    StatusReport after = status(sample);
    assertThat(after.unfinished()).isNull();
    assertThat(after.installed()).isEqualTo("1.1.0");
    assertThat(after.lastRun().rollback().strategy()).isEqualTo("restore_backup");
    assertThat(sample.compose("ps", "--format", "{{.Service}} {{.Image}} {{.State}}"))
        .contains("api " + IMAGES + "api:1.1.0 running")
        .contains("worker " + IMAGES + "worker:1.1.0 running");
    assertThat(Files.readString(sample.folder().resolve("images.env")))
        .contains("NOTES_API_IMAGE=" + IMAGES + "api:1.1.0")
        .contains("NOTES_WORKER_IMAGE=" + IMAGES + "worker:1.1.0")
        .doesNotContain("api:2.0.0")
        .doesNotContain("worker:2.0.0");
    assertThat(columnsOfNotes(sample)).contains("body").doesNotContain("content");
    assertThat(sample.notes().list()).extracting(NotesClient.Note::id).containsAll(notes);
    assertThat(
            sample.engine(
                "ps",
                "-a",
                "--filter",
                "name=" + sample.project() + "-migrate-lockstep",
                "--format",
                "{{.Names}} {{.Status}}"))
        .as("one-off migrate containers left")
        .isBlank();
  }

  private static List<String> columnsOfNotes(ComposeDeployment sample) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = new Database(sample.config().database()).connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT column_name FROM information_schema.columns"
                        + " WHERE table_name = 'notes'")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns;
  }

  private static StatusReport status(ComposeDeployment sample) {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      return deployment.status();
    }
  }
}
