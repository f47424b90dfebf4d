package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commands that only read work from the journal on a machine where the database password is not
 * set (an operator's shell, a monitoring job), and say what they could not check; a command that
 * changes something still refuses without it.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyWithoutSecretsIT {
  private static final String NOT_CHECKED =
      "database not checked: password variable NOTES_DB_PASSWORD is not set";

  private SampleDeployment sample;
  private String runId;

  @BeforeAll
  void installed() {
    sample = TestSamples.create(PostgresExtension.server(), "nosecrets", false);
    Outcome install = run(sample.environment(), "upgrade", "--to", "1.0.0", "--output", "json");
    assertThat(install.exitCode()).as(install.err()).isZero();
    runId = Json.read(install.out(), JsonNode.class).get("runId").asText();
  }

  @AfterAll
  void stopped() {
    try (Deployment deployment =
        Deployment.open(
            new ConfigLoader(Variables.fromEnvironment().with(sample.environment()))
                .load(sample.configFile()),
            EngineOptions.quiet())) {
      deployment.stopServices();
    } finally {
      sample.close();
    }
  }

  @Test
  void status_withoutThePassword_showsTheJournalAndServices() {
    Outcome status = withoutPassword("status");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("Installed:   1.0.0").contains("SERVICE").contains("api");
    assertThat(status.err()).contains(NOT_CHECKED);
  }

  @Test
  void history_withoutThePassword_listsTheRuns() {
    Outcome history = withoutPassword("history", "--output", "json");

    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(Json.read(history.out(), JsonNode.class).get(0).get("runId").asText())
        .isEqualTo(runId);
    assertThat(history.err()).contains(NOT_CHECKED);
  }

  @Test
  void backupList_withoutThePassword_listsTheBackups() {
    Outcome list = withoutPassword("backup", "list", "--output", "json");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(Json.read(list.out(), JsonNode.class)).hasSize(1);
    assertThat(list.err()).contains(NOT_CHECKED);
  }

  @Test
  void migrationsRun_withoutThePassword_showsWhatTheRunAppliedAndSaysTheTablesWereNotRead() {
    Outcome migrations = withoutPassword("migrations", "--run", runId);

    assertThat(migrations.exitCode()).as(migrations.err()).isZero();
    assertThat(migrations.out())
        .contains("installed 1.0.0")
        .contains("The history tables were not read: " + NOT_CHECKED)
        .contains(runId)
        .contains("create notes");
    assertThat(migrations.err()).contains(NOT_CHECKED);
  }

  @Test
  void plan_withoutThePassword_stillRefusesAsBadConfiguration() {
    Outcome plan = withoutPassword("plan", "--to", "1.1.0");

    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.err()).contains("NOTES_DB_PASSWORD, which is not set");
  }

  private Outcome withoutPassword(String... args) {
    Map<String, String> environment = new HashMap<>(sample.environment());
    environment.remove("NOTES_DB_PASSWORD");
    return run(environment, args);
  }

  private Outcome run(Map<String, String> environment, String... args) {
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "-c";
    withConfig[args.length + 1] = sample.configFile().toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> all = new HashMap<>(System.getenv());
    all.remove("NOTES_DB_PASSWORD");
    all.putAll(environment);
    int exitCode =
        LockstepCli.run(withConfig, new PrintWriter(out), new PrintWriter(err), Variables.of(all));
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  private record Outcome(int exitCode, String out, String err) {}
}
