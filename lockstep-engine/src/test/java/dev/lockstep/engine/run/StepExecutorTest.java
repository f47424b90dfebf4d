package dev.lockstep.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepExecutorTest {
  @TempDir Path stateDir;
  Journal journal;
  StepExecutor executor;
  String runId;
  final List<String> ran = new ArrayList<>();

  @BeforeEach
  void open() {
    journal = Journal.open(stateDir.resolve("journal.db"));
    executor = new StepExecutor(journal, RunListener.NONE, Clock.systemUTC(), CrashPoints.none());
    runId = journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0").id();
  }

  @AfterEach
  void close() {
    journal.close();
  }

  @Test
  void runAll_journalsEveryStepBeforeAndAfter() {
    assertThat(executor.runAll(runId, Phase.FORWARD, List.of(step("a"), step("b")), 1)).isNull();

    assertThat(ran).containsExactly("a", "b");
    assertThat(journal.steps(runId))
        .extracting(StepRecord::name, StepRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", StepStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("b", StepStatus.SUCCEEDED));
  }

  @Test
  void runAll_stopsAtTheFirstFailureAndReportsIt() {
    StepExecutor.Failure failure =
        executor.runAll(runId, Phase.FORWARD, List.of(step("a"), failing("b"), step("c")), 1);

    assertThat(failure.step().name()).isEqualTo("b");
    assertThat(failure.error().errorCode()).isEqualTo(ErrorCode.CHECK_FAILED);
    assertThat(ran).containsExactly("a");
    assertThat(journal.steps(runId).get(1).status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void runAll_afterACrash_skipsWhatSucceededAndRepeatsTheInterruptedStep() {
    int a = journal.stepStarted(runId, "a", Phase.FORWARD);
    journal.stepFinished(runId, a, StepStatus.SUCCEEDED, "done before the crash");
    journal.stepStarted(runId, "b", Phase.FORWARD); // the crash happened here

    executor.runAll(runId, Phase.FORWARD, List.of(step("a"), step("b"), step("c")), 1);

    assertThat(ran).containsExactly("b", "c");
    assertThat(journal.steps(runId))
        .extracting(StepRecord::name, StepRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", StepStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("b", StepStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple("b", StepStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("c", StepStatus.SUCCEEDED));
    assertThat(journal.steps(runId).get(1).detail()).startsWith("interrupted");
  }

  @Test
  void runAll_anUnexpectedExceptionIsAFailureNotACrash() {
    Step broken =
        new NamedStep("broken") {
          @Override
          public String run(RunFacts facts) {
            throw new IllegalStateException("bug");
          }
        };

    StepExecutor.Failure failure = executor.runAll(runId, Phase.FORWARD, List.of(broken), 1);

    assertThat(failure.error().errorCode()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(failure.error()).hasMessageContaining("bug");
  }

  @Test
  void runAll_aStepThatStopsTheServices_doesItsWorkBeforeTheStop_thenTellsTheDowntime() {
    executor = new StepExecutor(journal, downtimeHeard(), Clock.systemUTC(), CrashPoints.none());

    assertThat(executor.runAll(runId, Phase.FORWARD, List.of(stopping("stop")), 1)).isNull();

    assertThat(ran).containsExactly("before stop", "downtime starts", "stop");
  }

  @Test
  void runAll_aStopResumedAfterTheServicesStopped_goesStraightToTheStop() {
    executor = new StepExecutor(journal, downtimeHeard(), Clock.systemUTC(), CrashPoints.none());
    journal.recordFact(runId, RunFacts.SERVICES_STOPPED_AT, "2026-12-07T10:00:00Z");
    journal.stepStarted(runId, "stop", Phase.FORWARD); // the crash happened here

    executor.runAll(runId, Phase.FORWARD, List.of(stopping("stop")), 1);

    assertThat(ran).containsExactly("stop");
  }

  @Test
  void runAll_aRollbacksStop_doesItsWorkBeforeTheStop_withNoDowntimeNotice() {
    executor = new StepExecutor(journal, downtimeHeard(), Clock.systemUTC(), CrashPoints.none());

    executor.runAll(runId, Phase.ROLLBACK, List.of(stopping("stop")), 1);

    assertThat(ran).containsExactly("before stop", "stop");
  }

  private RunListener downtimeHeard() {
    return new RunListener() {
      @Override
      public void downtimeStarts(String id) {
        ran.add("downtime starts");
      }
    };
  }

  private Step stopping(String name) {
    return new NamedStep(name) {
      @Override
      public boolean stopsServices() {
        return true;
      }

      @Override
      public void beforeServicesStop(RunFacts facts) {
        ran.add("before " + name);
      }

      @Override
      public String run(RunFacts facts) {
        facts.putIfAbsent(RunFacts.SERVICES_STOPPED_AT, "2026-12-07T10:00:00Z");
        ran.add(name);
        return name + " done";
      }
    };
  }

  private Step step(String name) {
    return new NamedStep(name) {
      @Override
      public String run(RunFacts facts) {
        ran.add(name);
        return name + " done";
      }
    };
  }

  private Step failing(String name) {
    return new NamedStep(name) {
      @Override
      public String run(RunFacts facts) {
        throw new LockstepException(ErrorCode.CHECK_FAILED, name + " failed");
      }
    };
  }

  private abstract static class NamedStep implements Step {
    private final String name;

    NamedStep(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "step " + name;
    }
  }
}
