package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTransactionTest {
  @TempDir Path stateDir;
  private Path file;

  @BeforeEach
  void setUp() {
    file = stateDir.resolve("journal.db");
  }

  @Test
  void inTransaction_exceptionRollsBackEveryWriteAndRethrowsTheOriginal() {
    IllegalStateException boom = new IllegalStateException("boom");
    try (Journal journal = Journal.open(file)) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
      int backup = journal.stepStarted(runId, "backup", Phase.FORWARD);

      assertThatThrownBy(
              () ->
                  journal.inTransaction(
                      () -> {
                        journal.stepFinished(runId, backup, StepStatus.SUCCEEDED, "b1");
                        journal.recordFact(runId, "backup.id", "b1");
                        journal.stepStarted(runId, "migrate", Phase.FORWARD);
                        journal.recordChecklist(runId, Phase.FORWARD, 1, java.util.List.of(), "{}");
                        journal.setInstalled("1.1.0", runId);
                        journal.finishRun(runId, RunStatus.SUCCEEDED, "done");
                        throw boom;
                      }))
          .isSameAs(boom)
          .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());

      assertThat(journal.steps(runId))
          .singleElement()
          .satisfies(step -> assertThat(step.status()).isEqualTo(StepStatus.STARTED));
      assertThat(journal.facts(runId)).isEmpty();
      assertThat(journal.checklists(runId)).isEmpty();
      assertThat(journal.installed()).isEmpty();
      assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }
  }

  @Test
  void inTransaction_commitsEveryWriteTogether() {
    try (Journal journal = Journal.open(file)) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
      int backup = journal.stepStarted(runId, "backup", Phase.FORWARD);

      String result =
          journal.inTransaction(
              () -> {
                journal.stepFinished(runId, backup, StepStatus.SUCCEEDED, "b1");
                journal.recordFact(runId, "backup.id", "b1");
                return "recorded";
              });

      assertThat(result).isEqualTo("recorded");
    }
    try (Journal reopened = Journal.open(file)) {
      String runId = reopened.runs().get(0).id();
      assertThat(reopened.steps(runId).get(0).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(reopened.facts(runId)).containsEntry("backup.id", "b1");
    }
  }

  @Test
  void inTransaction_writesAreInvisibleToAnotherConnectionUntilCommitted() {
    try (Journal writer = Journal.open(file);
        Journal reader = Journal.open(file)) {
      String runId = writer.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();

      writer.inTransaction(
          () -> {
            writer.recordFact(runId, "backup.id", "b1");
            assertThat(writer.facts(runId)).containsEntry("backup.id", "b1");
            assertThat(reader.facts(runId)).isEmpty();
          });

      assertThat(reader.facts(runId)).containsEntry("backup.id", "b1");
    }
  }

  @Test
  void inTransaction_nestedCallJoinsTheOutermost() {
    try (Journal journal = Journal.open(file);
        Journal other = Journal.open(file)) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();

      assertThatThrownBy(
              () ->
                  journal.inTransaction(
                      () -> {
                        journal.inTransaction(() -> journal.recordFact(runId, "inner", "1"));
                        // The inner call returned, yet nothing is committed before the outer one.
                        assertThat(other.facts(runId)).isEmpty();
                        journal.recordFact(runId, "outer", "1");
                        throw new IllegalStateException("outer fails");
                      }))
          .hasMessage("outer fails");

      assertThat(journal.facts(runId)).isEmpty();
    }
  }

  @Test
  void inTransaction_nestedFailureCaughtByTheCaller_undoesOnlyTheNestedWrites() {
    try (Journal journal = Journal.open(file)) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();

      journal.inTransaction(
          () -> {
            journal.recordFact(runId, "before", "1");
            try {
              journal.inTransaction(
                  () -> {
                    journal.recordFact(runId, "inner", "1");
                    throw new IllegalStateException("inner fails");
                  });
            } catch (IllegalStateException expected) {
              // the caller decides to go on
            }
            journal.recordFact(runId, "after", "1");
          });

      assertThat(journal.facts(runId)).containsOnlyKeys("before", "after");
    }
  }

  @Test
  void inTransaction_rollbackFailureIsSuppressedNeverHidesTheOriginal() {
    Journal journal = Journal.open(file);
    String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();

    assertThatThrownBy(
            () ->
                journal.inTransaction(
                    () -> {
                      journal.recordFact(runId, "backup.id", "b1");
                      journal.close(); // the ROLLBACK that follows cannot run
                      throw new IllegalStateException("the original failure");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the original failure")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

    try (Journal reopened = Journal.open(file)) {
      assertThat(reopened.facts(runId)).isEmpty();
    }
  }

  @Test
  void stepStarted_numbersStepsInsideATransaction() {
    try (Journal journal = Journal.open(file)) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();

      int[] seqs =
          journal.inTransaction(
              () ->
                  new int[] {
                    journal.stepStarted(runId, "backup", Phase.FORWARD),
                    journal.stepStarted(runId, "migrate", Phase.FORWARD)
                  });

      assertThat(seqs).containsExactly(1, 2);
      assertThat(journal.stepStarted(runId, "install", Phase.FORWARD)).isEqualTo(3);
    }
  }

  @Test
  void inTransaction_anotherThreadsWriteWaitsAndIsNotRolledBackWithIt() throws Exception {
    try (Journal journal = Journal.open(file)) {
      String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
      Thread other = new Thread(() -> journal.recordFact(runId, "other.thread", "1"));

      assertThatThrownBy(
              () ->
                  journal.inTransaction(
                      () -> {
                        journal.recordFact(runId, "in.transaction", "1");
                        other.start();
                        awaitWaiting(other);
                        throw new IllegalStateException("rolled back");
                      }))
          .hasMessage("rolled back");
      other.join(TimeUnit.SECONDS.toMillis(10));

      assertThat(journal.facts(runId)).containsOnlyKeys("other.thread");
    }
  }

  private static void awaitWaiting(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
  }
}
