package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoRunInProgressGateTest {
  private static final String NAME = "no other run in progress";

  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_noRunYet_passes() {
    GateResult result = fixture.check(new NoRunInProgressGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "no run in progress"));
  }

  @Test
  void check_everyRunFinished_passes() {
    String id = fixture.journal.startRun(RunKind.UPGRADE, "test", "0.9.0", "1.0.0").id();
    fixture.journal.finishRun(id, RunStatus.SUCCEEDED, "upgraded");

    GateResult result = fixture.check(new NoRunInProgressGate());

    assertThat(result).isEqualTo(GateResult.passed(NAME, "no run in progress"));
  }

  @Test
  void check_runDrivenByALiveLockstep_blocksNamingItsPid() {
    String id = fixture.journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0").id();

    GateResult result = fixture.check(new NoRunInProgressGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "run "
                    + id
                    + " (upgrade 1.0.0 → 1.1.0) is in progress, driven by pid "
                    + ProcessHandle.current().pid()
                    + ".",
                "wait for it to finish; `lockstep status` shows where it stands."));
  }

  @Test
  void check_runWhoseLockstepDied_blocksOfferingResume() throws Exception {
    fixture.journal.close();
    Path file = dir.resolve("journal.db");
    Process crashed =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Its native library unpacked here: a halted JVM cannot remove it.
                "-Dorg.sqlite.tmpdir=" + dir,
                "-cp",
                System.getProperty("java.class.path"),
                CrashedRunMain.class.getName(),
                file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String id;
    try {
      // It prints only the run's id (well within the pipe's buffer), then halts mid-run.
      assertThat(crashed.waitFor(60, TimeUnit.SECONDS)).isTrue();
      id = new String(crashed.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } finally {
      crashed.destroyForcibly();
    }
    fixture.journal = Journal.open(file);

    GateResult result = fixture.check(new NoRunInProgressGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "run "
                    + id
                    + " (upgrade 1.0.0 → 1.1.0) stopped half-way: its Lockstep process "
                    + crashed.pid()
                    + " is gone.",
                "run `lockstep resume` to finish it, or `lockstep resume --rollback` to undo it."));
  }

  @Test
  void check_lastRollbackFailed_blocksForAnOperator() {
    String id = fixture.journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0").id();
    fixture.journal.finishRun(id, RunStatus.ROLLBACK_FAILED, "restore failed");

    GateResult result = fixture.check(new NoRunInProgressGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "the rollback of run " + id + " failed; the deployment needs an operator.",
                "read `lockstep status`, fix the cause, then `lockstep resume` to retry the"
                    + " rollback."));
  }
}
