package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.promotion.SharedRuns;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Staging first, on two real deployments of the sample product sharing one folder, or one
 * PostgreSQL database that is not the product's: production refuses a release staging has not run
 * for the bake time, and takes it with a written reason, which its report keeps.
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
  }

  /**
   * Both environments share {@code place}: the folder, or a database of the tests' PostgreSQL
   * server that is not the product's (its password in a file, as an operator would give it).
   */
  private void share(String place) throws IOException {
    String where;
    if (place.equals("folder")) {
      where = "shared: " + shared;
    } else {
      DatabaseConfig database = PostgresExtension.freshDatabase("shared_runs");
      Path password =
          Files.writeString(shared.resolve("shared-password"), database.password().reveal());
      where =
          "sharedDatabase: {host: %s, port: %d, name: %s, user: %s, password: {file: %s}}"
              .formatted(
                  database.host(), database.port(), database.name(), database.user(), password);
    }
    staging.reconfigure(
        config ->
            config.replace("environment: demo", "environment: staging")
                + "\npromotion: {"
                + where
                + "}\n",
        RunListener.NONE);
    production.reconfigure(
        config ->
            config.replace("environment: demo", "environment: production")
                + "\npromotion: {"
                + where
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

  @ParameterizedTest(name = "sharing a {0}")
  @ValueSource(strings = {"folder", "database"})
  void production_waitsForStagingsBakeTime_orTakesTheReleaseWithAReason(String place)
      throws Exception {
    share(place);
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

  /** How many runs {@code environment} recorded in the shared place. */
  private long recorded(String environment) {
    return SharedRuns.of(production.deployment.config().promotion()).of(environment).size();
  }
}
