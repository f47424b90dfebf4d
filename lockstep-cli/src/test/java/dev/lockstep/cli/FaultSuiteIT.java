package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.postgres.testing.PostgresExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of Lockstep at random moments (any millisecond, not only step boundaries) of an upgrade,
 * a failing upgrade and a rollback of the sample product, each followed by `lockstep resume`; then
 * the deployment must be whole ({@link DeploymentInvariants}). Three trials in `./mvnw verify`;
 * {@code faults/run.sh} runs fifty and prints the table. Every trial's seed is printed: {@code
 * -Dfaults.trialSeeds=<seed>} repeats it, and a failed trial's folder is kept.
 */
@ExtendWith(PostgresExtension.class)
class FaultSuiteIT {
  private static final int TRIALS_IN_VERIFY = 3;

  static List<FaultTrial> trials() {
    return FaultTrial.fromSystemProperties(TRIALS_IN_VERIFY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trials")
  @Execution(ExecutionMode.CONCURRENT)
  void killAtARandomMoment_thenResume_leavesTheDeploymentWhole(FaultTrial trial) throws Exception {
    KillTrialRunner.Outcome outcome = new KillTrialRunner(PostgresExtension.server()).run(trial);

    TrialLog.record(
        String.valueOf(trial.number()),
        String.valueOf(trial.seed()),
        trial.scenario().label(),
        outcome.killAtMillis() < 0
            ? "-"
            : outcome.killAtMillis() + (trial.beforeTheRun() ? " ms after start" : " ms into run"),
        outcome.atKill(),
        outcome.resumeExits().stream().map(String::valueOf).collect(Collectors.joining(",")),
        outcome.failed(),
        outcome.folder());
    assertThat(outcome.failed())
        .as(
            "%s (%s); repeat with -Dfaults.trialSeeds=%d; folder kept: %s",
            trial, outcome.atKill(), trial.seed(), outcome.folder())
        .isEmpty();
  }
}
