package dev.lockstep.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepCli;
import dev.lockstep.cli.Terminal;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code lockstep rollback} after a contract upgrade of the sample product: the dry run, the
 * confirmation on a terminal (answered through an injected terminal), and the refusal without one.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class RollbackCommandTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  SampleDeployment sample;
  RunReport install;
  RunReport upgrade;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void upgradeToAContractRelease() {
    sample =
        TestSamples.create(
            PostgresExtension.server(),
            "notes_rb_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet(),
            false);
    try (Deployment deployment = open()) {
      install = deployment.upgrade(Version.parse("1.1.0"));
      assertThat(install.exitCode()).as(install.summary()).isZero();
      upgrade = deployment.upgrade(Version.parse("2.0.0"));
      assertThat(upgrade.exitCode()).as(upgrade.summary()).isZero();
    }
  }

  @AfterEach
  void tearDown() {
    try (Deployment deployment = open()) {
      deployment.stopServices();
      admin().drop(keptName());
    } finally {
      sample.close();
    }
  }

  @Test
  void rollback_dryRun_saysStrategyWindowAndKeptDatabase_andTouchesNothing() {
    int exitCode = run(Terminal.none(), "rollback", "--dry-run");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Rollback (dry run) of run " + upgrade.runId() + ": 2.0.0 → 1.1.0")
        .contains("strategy: restore_backup — stop the services, swap the database snapshot back")
        .contains("proven: the schema change measured is contract (column public.notes.body")
        .contains("inferred: 1.1.0 cannot run on it")
        .contains("restores from: snapshot swap\n")
        .contains("data-loss window so far: ")
        .contains("kept: database " + keptName())
        .contains("Nothing was touched.");

    out.getBuffer().setLength(0);
    assertThat(run(Terminal.none(), "rollback", "--dry-run", "--output", "json")).isZero();
    JsonNode json = Json.read(out.toString(), JsonNode.class);
    assertThat(json.get("strategy").asText()).isEqualTo("restore_backup");
    assertThat(json.get("dataLossWindow").asText()).startsWith("PT");
    assertThat(json.get("kept").get(0).get("kept").asText()).isEqualTo(keptName());

    assertUntouched();
  }

  @Test
  void upgradeReports_sayWhichRollbackWouldApplyNow_inTextJsonAndTheReportFile() throws Exception {
    assertThat(install.rollbackNow()).as("a first install: nothing to roll back to").isNull();
    assertThat(RunReportText.render(install)).doesNotContain("Rollback now");

    RollbackNow afterContract = upgrade.rollbackNow();
    assertThat(afterContract.strategy()).isEqualTo("restore_backup");
    assertThat(afterContract.restoreFrom()).isEqualTo("snapshot swap");
    assertThat(afterContract.backupId()).isEqualTo(upgrade.backupId());
    assertThat(afterContract.proven())
        .singleElement()
        .asString()
        .startsWith("the schema change measured is contract (column public.notes.body");
    assertThat(RunReportText.render(upgrade))
        .contains(
            "Rollback now: `lockstep rollback` would stop the services, swap the database snapshot"
                + " back in, redeploy 1.1.0 (restore backup), losing the writes made since "
                + afterContract.dataLossSince())
        .contains("    proven: the schema change measured is contract");
    JsonNode file =
        Json.read(
            Files.readString(sample.config().reportsDir().resolve(upgrade.runId() + ".json")),
            JsonNode.class);
    assertThat(file.get("rollbackNow").get("strategy").asText()).isEqualTo("restore_backup");
    assertThat(file.get("rollbackNow").get("dataLossSince").asText())
        .isEqualTo(afterContract.dataLossSince().toString());
    assertThat(Json.read(Json.write(upgrade), JsonNode.class).get("rollbackNow").get("restoreFrom"))
        .as("--output json")
        .hasToString("\"snapshot swap\"");

    assertThat(run(Terminal.none(), "rollback", "--dry-run", "--output", "json")).isZero();
    JsonNode dryRun = Json.read(out.toString(), JsonNode.class);
    assertThat(dryRun.get("strategy").asText()).isEqualTo(afterContract.strategy());
    assertThat(dryRun.get("description").asText()).isEqualTo(afterContract.description());
  }

  @Test
  void rollback_withoutATerminalOrYes_refusesWithExit2_andTouchesNothing() {
    int exitCode = run(Terminal.none(), "rollback");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("pass --yes");
    assertUntouched();
  }

  @Test
  void rollback_onATerminal_asksFirst_noKeepsEverything_yesRollsBackAndKeepsTheDatabase() {
    Answers no = new Answers("n");
    assertThat(run(no, "rollback")).isEqualTo(1);
    assertThat(no.prompts)
        .singleElement()
        .asString()
        .startsWith("Roll back to 1.1.0, losing writes since ")
        .endsWith("? [y/N] ");
    assertThat(err.toString()).contains("Not rolled back");
    assertUntouched();

    Answers yes = new Answers("y");
    int exitCode = run(yes, "rollback");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(yes.prompts).hasSize(1);
    assertThat(out.toString())
        .contains("restored from: snapshot swap")
        .contains("kept: database " + keptName())
        .contains("lockstep kept drop " + keptName());
    assertThat(admin().exists(keptName())).isTrue();
    try (Deployment deployment = open()) {
      assertThat(deployment.status().installed()).isEqualTo("1.1.0");
    }

    out.getBuffer().setLength(0);
    assertThat(run(Terminal.none(), "kept", "list")).isZero();
    assertThat(out.toString()).startsWith(keptName() + "  store ").contains("snapshot");
    assertThat(run(Terminal.none(), "kept", "drop", sample.config().database().name()))
        .isEqualTo(2);
    assertThat(run(Terminal.none(), "kept", "drop", keptName())).isZero();
    assertThat(admin().exists(keptName())).isFalse();
    out.getBuffer().setLength(0);
    assertThat(run(Terminal.none(), "kept", "list", "--output", "json")).isZero();
    assertThat(out.toString().trim()).isEqualTo("[ ]");
  }

  private void assertUntouched() {
    try (Deployment deployment = open()) {
      assertThat(deployment.status().installed()).isEqualTo("2.0.0");
      assertThat(deployment.history()).hasSize(2);
    }
    assertThat(admin().exists(keptName())).isFalse();
  }

  private String keptName() {
    return KeptDatabase.nameFor(sample.config().database().name(), upgrade.runId());
  }

  private ServerAdmin admin() {
    return new ServerAdmin(
        new Database(sample.config().database()), dev.lockstep.core.api.ErrorCode.INTERNAL);
  }

  private Deployment open() {
    return Deployment.open(sample.config(), EngineOptions.quiet());
  }

  private int run(Terminal terminal, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-c", sample.configFile().toString()));
    return LockstepCli.run(
        all.toArray(String[]::new),
        new PrintWriter(out),
        new PrintWriter(err),
        Variables.fromEnvironment().with(sample.environment()),
        terminal);
  }

  /** A terminal that gives one answer and remembers what it was asked. */
  private static final class Answers implements Terminal {
    final String answer;
    final List<String> prompts = new ArrayList<>();

    Answers(String answer) {
      this.answer = answer;
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public Optional<String> ask(String prompt) {
      prompts.add(prompt);
      return Optional.of(answer);
    }
  }
}
