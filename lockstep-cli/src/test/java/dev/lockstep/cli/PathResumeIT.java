package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.examples.PathReleases;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * kill -9 Lockstep in the first hop of an upgrade across required stops (1.0.0 → 1.1.0 → 1.5.0 →
 * 2.0.0), then {@code lockstep resume}: it finishes that hop and goes on with the two after it.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class PathResumeIT {
  @Test
  void killedInTheFirstHop_resumeFinishesItAndTakesTheRestOfThePath() throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(PostgresExtension.server(), "path_resume", false)) {
      PathReleases.writeInto(sample.folder().resolve("releases"), false);
      TestSamples.compileReleases(sample);
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      try {
        Result installed = lockstep.run("upgrade", "--to", "1.0.0");
        assertThat(installed.exitCode()).as(installed.all()).isZero();

        LockstepJar.Running upgrade =
            lockstep.start(
                Map.of("LOCKSTEP_PAUSE_AT", "forward:install:started"), "upgrade", "--to", "2.0.0");
        upgrade.awaitStderr("paused at forward:install:started", Duration.ofMinutes(3));
        upgrade.kill();
        StatusReport interrupted = status(sample);
        assertThat(interrupted.orphaned()).isTrue();
        assertThat(interrupted.unfinished().to()).isEqualTo("1.1.0");

        Result resumed = lockstep.run("resume");

        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.stdout())
            .contains("The run was a hop of the upgrade to 2.0.0: going on with the hops after it")
            .contains("── Hop 2 of 3: 1.1.0 → 1.5.0")
            .contains("── Hop 3 of 3: 1.5.0 → 2.0.0")
            .contains(
                "Upgraded 1.1.0 → 2.0.0 in 2 hops (1.5.0, 2.0.0), each backed up, verified and"
                    + " validated on its own.");
        // The hops taken after the resume join the path of the one it finished: one path.
        String firstHop = interrupted.unfinished().runId();
        Result history = lockstep.run("history");
        assertThat(
                history.stdout().lines().filter(line -> line.contains("(path " + firstHop + ")")))
            .hasSize(3)
            .anySatisfy(line -> assertThat(line).contains("1/3 → 2.0.0"))
            .anySatisfy(line -> assertThat(line).contains("2/3 → 2.0.0"))
            .anySatisfy(line -> assertThat(line).contains("3/3 → 2.0.0"));
        StatusReport after = status(sample);
        assertThat(after.installed()).isEqualTo("2.0.0");
        assertThat(after.unfinished()).isNull();
        assertThat(after.services())
            .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("2.0.0"));
      } finally {
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }
    }
  }

  private static StatusReport status(SampleDeployment sample) {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      return deployment.status();
    }
  }
}
