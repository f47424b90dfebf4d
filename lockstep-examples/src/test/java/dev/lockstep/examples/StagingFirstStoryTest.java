package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Staging first, on two real deployments of the sample product sharing one folder: production
 * refuses a release staging has not run for the bake time, and takes it with a written reason,
 * which its report keeps.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class StagingFirstStoryTest {
  @TempDir Path shared;
  SampleRun staging;
  SampleRun production;

  @BeforeEach
  void deploy() {
    staging = new SampleRun();
    production = new SampleRun();
    staging.reconfigure(
        config ->
            config.replace("environment: demo", "environment: staging")
                + "\npromotion: {shared: "
                + shared
                + "}\n",
        RunListener.NONE);
    production.reconfigure(
        config ->
            config.replace("environment: demo", "environment: production")
                + "\npromotion: {shared: "
                + shared
                + ", after: staging, bake: 1h}\n",
        RunListener.NONE);
  }

  @AfterEach
  void tearDown() {
    try {
      staging.close();
    } finally {
      production.close();
    }
  }

  @Test
  void production_waitsForStagingsBakeTime_orTakesTheReleaseWithAReason() throws Exception {
    assertThat(staging.deployment.upgrade(Version.parse("1.0.0")).status()).isEqualTo("succeeded");
    RunReport production100 =
        production.deployment.upgrade(
            Version.parse("1.0.0"),
            new UpgradeOptions(null, false, false, null, "first install of production"));
    assertThat(production100.status()).as(production100.toString()).isEqualTo("succeeded");
    assertThat(staging.deployment.upgrade(Version.parse("1.1.0")).status()).isEqualTo("succeeded");
    assertThat(recorded("staging")).isEqualTo(2);

    assertThatThrownBy(() -> production.deployment.upgrade(Version.parse("1.1.0")))
        .isInstanceOfSatisfying(
            GateBlockedException.class,
            e ->
                assertThat(e.plan().blockingGates())
                    .extracting(GateResult::message)
                    .singleElement()
                    .asString()
                    .startsWith("staging has run 1.1.0 for ")
                    .contains("of the 1h 0m bake time (promotion.bake)"));

    RunReport taken =
        production.deployment.upgrade(
            Version.parse("1.1.0"),
            new UpgradeOptions(null, false, false, null, "hotfix for the login outage"));

    assertThat(taken.status()).as(taken.toString()).isEqualTo("succeeded");
    assertThat(taken.overrides()).containsExactly("skipped staging: hotfix for the login outage");
    assertThat(recorded("production")).isEqualTo(2);
  }

  /** How many runs {@code environment} recorded in the shared folder. */
  private long recorded(String environment) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(shared.resolve(environment))) {
      return files.filter(file -> file.toString().endsWith(".json")).count();
    }
  }
}
