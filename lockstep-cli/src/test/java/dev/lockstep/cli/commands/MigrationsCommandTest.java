package dev.lockstep.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.examples.TallyDeployment;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code lockstep migrations} on a product that migrates itself, after one upgrade. */
@ExtendWith(PostgresExtension.class)
class MigrationsCommandTest {
  static TallyDeployment tally;
  static String runId;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void installFirstRelease() {
    tally =
        TallyDeployment.create(
            PostgresExtension.server(), "tally_cli_" + ProcessHandle.current().pid());
    try (Deployment deployment = tally.open()) {
      RunReport report = deployment.upgrade(Version.parse("1.0.0"));
      assertThat(report.exitCode()).as(report.summary()).isZero();
      runId = report.runId();
    }
  }

  @AfterAll
  static void tearDown() {
    tally.close();
  }

  private int run(String... args) {
    return LockstepCli.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void migrations_asText_listsTheTablePendingAndTheRun() {
    int exitCode =
        run("migrations", "-c", tally.configFile().toString(), "--to", "1.1.0", "--run", runId);

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Migrations of test (release 1.1.0, runner: command)")
        .contains("Prisma  public._prisma_migrations  (1 recorded)")
        .containsPattern(TallyDeployment.CREATE_ITEMS + " +create items +\\d{4}-\\S+ +ok")
        .contains("Pending for 1.1.0 (Prisma, public._prisma_migrations): 1")
        .containsPattern(TallyDeployment.ADD_NOTE + " +add items note +expand")
        .contains("Run " + runId + " (upgrade 1.0.0, succeeded) applied 1");
  }

  @Test
  void migrations_asJson_canBePiped() {
    int exitCode =
        run("migrations", "-c", tally.configFile().toString(), "--run", runId, "--output", "json");

    assertThat(exitCode).as(err.toString()).isZero();
    JsonNode report = Json.read(out.toString(), JsonNode.class);
    assertThat(report.get("release").asText()).isEqualTo("1.0.0");
    assertThat(report.get("installed").asBoolean()).isTrue();
    assertThat(report.get("tables").get(0).get("format").asText()).isEqualTo("prisma");
    assertThat(report.get("tables").get(0).get("applied").get(0).get("id").asText())
        .isEqualTo(TallyDeployment.CREATE_ITEMS);
    assertThat(report.get("pending").get("migrations")).isEmpty();
    assertThat(report.get("run").get("applied").get(0).get("type").asText()).isEqualTo("expand");
  }

  @Test
  void migrations_ofAnUnknownRun_exits2AndSaysWhereRunsAreListed() {
    int exitCode = run("migrations", "-c", tally.configFile().toString(), "--run", "nope");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("There is no run nope").contains("lockstep history");
  }
}
