package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Version;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.examples.NotesClient;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.snapshot.DatabaseSnapshots;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
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
 * kill -9 Lockstep at the step boundaries of the sample product's failing 2.0.0 upgrade, forward
 * and rollback, then `lockstep resume`: it must finish the run (here: roll it back) with every note
 * intact. Each boundary runs on its own database, folder and ports, a few at a time.
 *
 * <p>{@code ./mvnw verify} kills at the start of every step and at the end of the last: a step's
 * end leaves the journal as the next step's start does, less that step's own started record, and
 * the code that goes on after a finished step is the same for every step. {@code
 * -Dcrash.boundary=<regex>} runs the boundaries it matches among all of them, the ends of steps
 * too: {@code '.*'} runs every one (25), {@code rollback:validate:finished} or {@code forward:.*} a
 * few; one that matches none fails the run.
 */
@ExtendWith(PostgresExtension.class)
class CrashResumeIT {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final List<String> FORWARD =
      List.of(
          "backup",
          "verify-backup",
          "stop-services",
          "snapshot-databases",
          "migrate",
          "install",
          "start-services",
          "validate");
  private static final List<String> ROLLBACK =
      List.of("stop-services", "restore-backup", "install", "start-services", "validate");

  static Stream<String> boundaries() {
    List<String> points = new ArrayList<>();
    for (String step : FORWARD) {
      points.add("forward:" + step + ":started");
      if (!step.equals("validate")) { // 2.0.0's validation fails: it never finishes
        points.add("forward:" + step + ":finished");
      }
    }
    for (String step : ROLLBACK) {
      points.add("rollback:" + step + ":started");
      points.add("rollback:" + step + ":finished");
    }
    String only = System.getProperty("crash.boundary", "");
    return points.stream()
        .filter(
            point ->
                only.isBlank()
                    ? point.endsWith(":started") || point.equals("rollback:validate:finished")
                    : point.matches(only));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boundaries")
  @Execution(ExecutionMode.CONCURRENT)
  void killAtBoundary_thenResume_finishesTheRollbackWithNoNoteLost(String boundary)
      throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(
            PostgresExtension.server(), "crash_" + COUNTER.incrementAndGet(), false)) {
      List<Long> notes = installWithNotes(sample);
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      try {
        LockstepJar.Running upgrade =
            lockstep.start(Map.of("LOCKSTEP_PAUSE_AT", boundary), "upgrade", "--to", "2.0.0");
        upgrade.awaitStderr("paused at " + boundary, Duration.ofMinutes(2));
        upgrade.kill();

        StatusReport interrupted = status(sample);
        assertThat(interrupted.orphaned()).isTrue();
        assertThat(interrupted.currentStep()).contains("'" + boundary.split(":")[1] + "'");

        Result resumed = lockstep.run("resume");

        assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(3);
        StatusReport after = status(sample);
        assertThat(after.unfinished()).isNull();
        assertThat(after.installed()).isEqualTo("1.1.0");
        assertThat(after.lastRun().rollback().strategy()).isEqualTo("restore_backup");
        // Wherever the kill fell, the database the restore replaced is kept once, and recorded.
        assertThat(after.lastRun().rollback().kept())
            .singleElement()
            .satisfies(
                kept ->
                    assertThat(
                            new dev.lockstep.postgres.ServerAdmin(
                                    new dev.lockstep.postgres.Database(sample.config().database()),
                                    dev.lockstep.core.api.ErrorCode.INTERNAL)
                                .exists(kept.kept()))
                        .isTrue());
        assertThat(after.services())
            .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.1.0"));
        assertThat(sample.notes().list()).extracting(NotesClient.Note::id).containsAll(notes);
      } finally {
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  @Test
  void resume_afterTheConfigChangedHowTheRunWorks_isRefusedButRollsBack() throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(
            PostgresExtension.server(), "crash_" + COUNTER.incrementAndGet(), false)) {
      List<Long> notes = installWithNotes(sample);
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      try {
        LockstepJar.Running upgrade =
            lockstep.start(
                Map.of("LOCKSTEP_PAUSE_AT", "forward:migrate:started"), "upgrade", "--to", "2.0.0");
        upgrade.awaitStderr("paused at forward:migrate:started", Duration.ofMinutes(2));
        upgrade.kill();
        // The operator turns snapshots off: the run was recorded with them on.
        Files.writeString(
            sample.configFile(),
            Files.readString(sample.configFile())
                .replace(
                    "backup:\n  format: custom", "backup:\n  format: custom\n  snapshot: false"));

        Result forward = lockstep.run("resume");

        assertThat(forward.exitCode()).as(forward.all()).isEqualTo(2);
        assertThat(forward.stderr())
            .contains("backup.snapshot: true → false")
            .contains("--rollback");
        assertThat(status(sample).orphaned()).isTrue();

        Result back = lockstep.run("resume", "--rollback");

        assertThat(back.exitCode()).as(back.all()).isEqualTo(3);
        StatusReport after = status(sample);
        assertThat(after.unfinished()).isNull();
        assertThat(after.installed()).isEqualTo("1.1.0");
        assertThat(sample.notes().list()).extracting(NotesClient.Note::id).containsAll(notes);
      } finally {
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  @Test
  void killedAfterTheRunsEndWasRecorded_resumeLeavesNoSnapshotAndKeepsTheReplacedDatabase()
      throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(
            PostgresExtension.server(), "crash_" + COUNTER.incrementAndGet(), false)) {
      installWithNotes(sample);
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      DatabaseSnapshots snapshots = new DatabaseSnapshots(sample.config().database());
      try {
        LockstepJar.Running upgrade =
            lockstep.start(
                Map.of("LOCKSTEP_PAUSE_AT", "rollback:run:ended"), "upgrade", "--to", "2.0.0");
        upgrade.awaitStderr("paused at rollback:run:ended", Duration.ofMinutes(3));
        upgrade.kill();
        StatusReport ended = status(sample);
        String failedRun = ended.lastRun().runId();
        assertThat(ended.lastRun().status()).isEqualTo("rolled_back");
        // The snapshot was swapped back in; the database it replaced is kept for the operator.
        String kept = ended.lastRun().rollback().kept().get(0).kept();
        ServerAdmin admin =
            new ServerAdmin(new Database(sample.config().database()), ErrorCode.INTERNAL);
        assertThat(admin.exists(kept)).isTrue();

        Result resumed = lockstep.run("resume");

        assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(1);
        assertThat(resumed.stderr()).contains("no interrupted run");
        assertThat(snapshots.list(TakenSnapshot.prefixOf(failedRun))).isEmpty();
        assertThat(admin.exists(kept)).as("a kept database waits for `kept drop`").isTrue();
        assertThat(status(sample).installed()).isEqualTo("1.1.0");
      } finally {
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  @Test
  void upgrade_whileAnotherLockstepHoldsTheStateFolder_isRefusedWithoutShowingAPlan()
      throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(
            PostgresExtension.server(), "crash_" + COUNTER.incrementAndGet(), false)) {
      installWithNotes(sample);
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      LockstepJar.Running first =
          lockstep.start(
              Map.of("LOCKSTEP_PAUSE_AT", "forward:backup:started"), "upgrade", "--to", "2.0.0");
      try {
        first.awaitStderr("paused at forward:backup:started", Duration.ofMinutes(2));

        Result second = lockstep.run("upgrade", "--to", "2.0.0");

        assertThat(second.exitCode()).as(second.all()).isEqualTo(1);
        assertThat(second.stderr()).contains("Another Lockstep process");
        assertThat(second.stdout()).doesNotContain("Plan for").doesNotContain("Ready.");
      } finally {
        first.kill();
        lockstep.run("resume", "--rollback");
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  /** 1.1.0 installed and running, with notes 2.0.0 cannot list (no tags). */
  private static List<Long> installWithNotes(SampleDeployment sample) {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      assertThat(deployment.upgrade(Version.parse("1.1.0")).exitCode()).isZero();
    }
    return List.of(
        sample.notes().write("untagged", "written before the crash", null),
        sample.notes().write("tagged", "also before", "x"));
  }

  private static StatusReport status(SampleDeployment sample) {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      return deployment.status();
    }
  }
}
