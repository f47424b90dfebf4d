package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run journaled whole once it is done, as {@code lockstep adopt} records itself. */
class JournalFinishedRunTest {
  @TempDir Path stateDir;

  @Test
  void recordFinishedRun_adoptRunWithTimedSteps_readsBackFinishedAfterReopening() {
    Path file = stateDir.resolve("journal.db");
    Instant started = Instant.parse("2026-12-06T02:00:00Z");
    String runId;
    try (Journal journal = Journal.open(file)) {
      runId =
          journal.inTransaction(
              () -> {
                RunRecord run =
                    journal.recordFinishedRun(
                        RunKind.ADOPT, "prod", null, "1.0.0", RunStatus.SUCCEEDED, started, "ok");
                journal.recordFinishedStep(
                    run.id(),
                    "check-services",
                    Phase.FORWARD,
                    StepStatus.SUCCEEDED,
                    started,
                    started.plusMillis(40),
                    "api 1.0.0");
                journal.recordFinishedStep(
                    run.id(),
                    "backup",
                    Phase.FORWARD,
                    StepStatus.SUCCEEDED,
                    started.plusMillis(40),
                    started.plusSeconds(3),
                    "backup b1");
                journal.setInstalled("1.0.0", run.id());
                return run.id();
              });
    }
    try (Journal journal = Journal.open(file)) {
      RunRecord run = journal.run(runId).orElseThrow();
      assertThat(run.kind()).isEqualTo(RunKind.ADOPT);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.startedAt()).isEqualTo(started);
      assertThat(run.endedAt()).isNotNull();
      assertThat(journal.unfinishedRun()).isEmpty();
      assertThat(journal.lastChange()).as("an adoption changes nothing that runs").isEmpty();
      assertThat(journal.installed().orElseThrow().runId()).isEqualTo(runId);
      assertThat(journal.steps(runId))
          .extracting(StepRecord::seq, StepRecord::name, StepRecord::duration)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  1, "check-services", java.time.Duration.ofMillis(40)),
              org.assertj.core.groups.Tuple.tuple(2, "backup", java.time.Duration.ofMillis(2960)));
    }
  }
}
