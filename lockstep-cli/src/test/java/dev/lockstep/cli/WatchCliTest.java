package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.examples.WatchReleases;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code lockstep watch}, {@code status} and {@code report} after an upgrade of the sample product
 * whose release leaks memory and ran a contract migration (1.0.0 → 2.0.0): the watch fails, exits 4
 * and restores nothing; status says the point of no return has passed; the run's page shows the
 * watch.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class WatchCliTest {
  private static final String WATCH =
      """
      watch:
        interval: 250ms
        baseline: 6s
        duration: 60s
        autoRevert: 5m
        signals:
          - name: memory
            kind: trend
            metrics:
              url: http://127.0.0.1:${NOTES_API_PORT}/metrics
              metric: %s
      """;

  private SampleDeployment sample;

  @BeforeEach
  void onOneZeroZero() throws IOException {
    sample = TestSamples.create(PostgresExtension.server(), "watch_cli", false);
    Path releases = sample.folder().resolve("releases");
    WatchReleases.meter(releases, "1.0.0", false);
    WatchReleases.meter(releases, "2.0.0", true);
    TestSamples.compileReleases(sample);
    Files.writeString(
        sample.configFile(),
        Files.readString(sample.configFile())
            .replace("\nbackup:", "\n" + WATCH.formatted(WatchReleases.METRIC) + "\nbackup:"));
    succeeds("upgrade", "--to", "1.0.0", "--no-watch");
  }

  @AfterEach
  void stop() {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      deployment.stopServices();
    }
    sample.close();
  }

  @Test
  void watch_aLeakAfterAContractMigration_exits4_restoresNothing_andTheReportShowsIt()
      throws IOException {
    succeeds("upgrade", "--to", "2.0.0", "--no-watch");

    SampleCli.Result watched = run("watch");

    assertThat(watched.code()).as(watched.output()).isEqualTo(4);
    assertThat(watched.output())
        .contains("Point of no return: a rollback now means a restore")
        .contains("Needs an operator: memory grew by")
        .contains("`lockstep rollback --config " + sample.configFile() + "` would ")
        .doesNotContain(sample.password().reveal());
    String status = succeeds("status");
    assertThat(status)
        .contains("Point of no return: passed. A rollback now means a restore")
        .contains("Watch:       failed (Failed: memory grew by");
    assertThat(
            Json.read(succeeds("status", "--output", "json"), JsonNode.class)
                .path("installed")
                .asText())
        .isEqualTo("2.0.0");
    Path page = sample.folder().resolve("report.html");
    succeeds("report", "latest", "--out", page.toString());
    assertThat(Files.readString(page))
        .contains("<h2>Watch ")
        .contains("<h2>Signals</h2>")
        .contains("memory")
        .contains("Needs an operator: memory grew by");
  }

  private SampleCli.Result run(String... args) {
    return new SampleCli(sample).run(args);
  }

  private String succeeds(String... args) {
    return new SampleCli(sample).succeeds(args);
  }
}
