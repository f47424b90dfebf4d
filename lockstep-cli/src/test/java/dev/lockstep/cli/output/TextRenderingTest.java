package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.plan.PlannedMigration;
import dev.lockstep.core.plan.PlannedStep;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.plan.RollingVerdict;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RollbackReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.adopt.AdoptionReport;
import dev.lockstep.engine.path.PathHop;
import dev.lockstep.postgres.testing.GoldenFiles;
import dev.lockstep.targets.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextRenderingTest {
  private static final GoldenFiles GOLDEN = GoldenFiles.in("src/test/resources/golden");
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void render_contractPlan_matchesGoldenFile() {
    Plan plan =
        new Plan(
            "production",
            "1.1.0",
            "2.0.0",
            List.of(
                step(1, "backup", "Back up the database", false, RollbackStrategy.NOTHING_TO_UNDO),
                step(
                    2,
                    "stop-services",
                    "Stop the services",
                    true,
                    RollbackStrategy.REVERT_SERVICES),
                step(
                    3,
                    "migrate",
                    "Apply the database migrations",
                    true,
                    RollbackStrategy.RESTORE_BACKUP)),
            List.of(new PlannedMigration("3", "rename body to content", MigrationClass.CONTRACT)),
            List.of(
                GateResult.passed("upgrade path", "1.1.0 → 2.0.0"),
                GateResult.blocked(
                    "disk space for the backup",
                    "the backup needs about 9.0 GB but /var/backups has 2.0 GB free.",
                    "free some space, or point backup.dir at a larger disk.")),
            RollbackStrategy.RESTORE_BACKUP,
            "services are down from 'stop-services' until 'validate' passes",
            RollingVerdict.refused(
                List.of(
                    "2.0.0 does not declare itself compatible with 1.1.0 (its manifest's"
                        + " compatibleWith: []), so nodes of both cannot serve side by side",
                    "migration V3 rename body to content is declared contract: 1.1.0's nodes"
                        + " still serving could break on the changed schema")),
            null);

    GOLDEN.assertMatches("plan-contract-blocked.txt", PlanText.render(plan));
  }

  @Test
  void render_contractPlanWithSnapshot_saysTheRestoreSwapsTheSnapshotBackIn() {
    Plan plan =
        new Plan(
            "production",
            "1.1.0",
            "2.0.0",
            List.of(
                step(
                    1,
                    "stop-services",
                    "Stop the services",
                    true,
                    RollbackStrategy.REVERT_SERVICES),
                step(
                    2,
                    "snapshot-databases",
                    "Snapshot the databases",
                    true,
                    RollbackStrategy.REVERT_SERVICES),
                step(
                    3,
                    "migrate",
                    "Apply the database migrations",
                    true,
                    RollbackStrategy.RESTORE_BACKUP)),
            List.of(new PlannedMigration("3", "rename body to content", MigrationClass.CONTRACT)),
            List.of(GateResult.passed("upgrade path", "1.1.0 → 2.0.0")),
            RollbackStrategy.RESTORE_BACKUP,
            "services are down from 'stop-services' until 'validate' passes",
            RollingVerdict.allowed(List.of("2.0.0 declares itself compatible with 1.1.0")),
            "BREAKING: V3 renames notes.body.\nThe api keeps the JSON field \"body\".");

    assertThat(PlanText.render(plan))
        .startsWith(
            "Plan for production: 1.1.0 → 2.0.0\n\nRelease notes of 2.0.0\n"
                + "  BREAKING: V3 renames notes.body.\n"
                + "  The api keeps the JSON field \"body\".\n\nGates\n")
        .contains(
            "rollback: stop the services, swap the database snapshot back in, redeploy 1.1.0"
                + " (this run's verified backup if the swap cannot be made)")
        .doesNotContain("restore this run's verified backup");
  }

  @Test
  void render_planWithAWarning_marksItWarnWithItsFixAndIsReady() {
    Plan plan =
        new Plan(
            "production",
            "1.1.0",
            "2.0.0",
            List.of(
                step(
                    1,
                    "stop-services",
                    "Stop the services",
                    true,
                    RollbackStrategy.REVERT_SERVICES)),
            List.of(),
            List.of(
                GateResult.passed("upgrade path", "1.1.0 → 2.0.0"),
                GateResult.warned(
                    "connected clients served",
                    "14 clients on protocol 2 would lose service (2.0.0 serves 3); the upgrade"
                        + " goes on (clients.policy: warn).",
                    "move those clients to a protocol 2.0.0 serves before upgrading.")),
            RollbackStrategy.REVERT_SERVICES,
            "services are down from 'stop-services' until 'validate' passes",
            RollingVerdict.allowed(List.of()),
            null);

    assertThat(PlanText.render(plan))
        .contains(
            "  [WARN]    connected clients served: 14 clients on protocol 2 would lose service"
                + " (2.0.0 serves 3); the upgrade goes on (clients.policy: warn).\n"
                + "            fix: move those clients to a protocol 2.0.0 serves before"
                + " upgrading.\n")
        .contains("\nReady.\n");
  }

  @Test
  void render_rolledBackRun_matchesGoldenFile() {
    RunReport report =
        new RunReport(
            "run-20261123-100000-ab12",
            "upgrade",
            "production",
            "1.1.0",
            "2.0.0",
            "rolled_back",
            3,
            T0,
            T0.plusSeconds(9),
            Duration.ofSeconds(9),
            Duration.ofMillis(7400),
            "20261123-100000-cd34",
            List.of(
                new StepReport(
                    1,
                    "backup",
                    "forward",
                    "succeeded",
                    T0,
                    Duration.ofMillis(180),
                    "backup 20261123-100000-cd34"),
                new StepReport(
                    2,
                    "validate",
                    "forward",
                    "failed",
                    T0.plusSeconds(4),
                    Duration.ofSeconds(2),
                    "1 of 3 checks failed"),
                new StepReport(
                    3,
                    "restore-backup",
                    "rollback",
                    "succeeded",
                    T0.plusSeconds(6),
                    Duration.ofMillis(300),
                    "restored")),
            List.of(new MigrationReport("3", "rename body to content", "contract")),
            List.of(
                new CheckResult("api health", true, 1, Duration.ofMillis(20), "ok"),
                new CheckResult(
                    "notes list loads",
                    false,
                    4,
                    Duration.ofSeconds(2),
                    "GET /notes → 500, expected 200")),
            new RollbackReport(
                "restore_backup",
                "stop the services, swap the database snapshot back in, redeploy 1.1.0",
                "'validate' failed — contract migration V3 ran",
                List.of("'validate' failed: notes list loads → 500", "migration V3 ran"),
                List.of("V3 is declared contract: 1.1.0 cannot run on that schema"),
                "snapshot swap",
                "20261123-100000-cd34",
                Duration.ofMillis(5800),
                Duration.ofMillis(2800),
                List.of(
                    new KeptDatabase(
                        "main",
                        "notes",
                        "notes_replaced_20261123100000cd34",
                        "db.internal:5432",
                        Instant.parse("2026-11-23T10:00:10Z"),
                        "snapshot"))),
            "The upgrade to 2.0.0 failed and was rolled back.");

    GOLDEN.assertMatches("run-rolled-back.txt", RunReportText.render(report));
  }

  @Test
  void render_succeededExpandUpgrade_saysARevertWouldApplyNowAndWhatItFallsBackTo() {
    RunReport report =
        new RunReport(
            "run-20261123-100000-ab12",
            "upgrade",
            "production",
            "1.0.0",
            "1.1.0",
            "succeeded",
            0,
            T0,
            T0.plusSeconds(9),
            Duration.ofSeconds(9),
            Duration.ofMillis(4000),
            "20261123-100000-cd34",
            List.of(),
            List.of(new MigrationReport("2", "add note tags", "expand")),
            List.of(),
            null,
            "Upgraded 1.0.0 → 1.1.0.",
            null,
            null,
            new RollbackNow(
                "revert_services_on_new_schema",
                RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA.describe("1.0.0"),
                "only expand migrations ran (V2 add note tags)",
                List.of("only migrations V2 add note tags ran (the history table says so)"),
                List.of("they are expand, as the release declares"),
                "snapshot swap",
                "20261123-100000-cd34",
                T0.plusSeconds(2)));

    assertThat(RunReportText.render(report))
        .endsWith(
            "Upgraded 1.0.0 → 1.1.0.\n"
                + "Rollback now: `lockstep rollback` would revert the services to 1.0.0 on the"
                + " expanded schema and run its checks (restore the backup if they fail) (revert"
                + " services on new schema)\n"
                + "    proven: only migrations V2 add note tags ran (the history table says so)\n"
                + "    inferred: they are expand, as the release declares\n"
                + "    if the revert fails, restores from: snapshot swap\n")
        .doesNotContain("losing the writes");
  }

  @Test
  void render_history_marksTheHopsOfAPath() {
    RunReport hop =
        new RunReport(
            "run-20261123-100000-ab12",
            "upgrade",
            "production",
            "1.1.0",
            "1.5.0",
            "succeeded",
            0,
            T0,
            T0.plusSeconds(9),
            Duration.ofSeconds(9),
            Duration.ofMillis(7400),
            "20261123-100000-cd34",
            List.of(),
            List.of(),
            List.of(),
            null,
            "Upgraded 1.1.0 → 1.5.0.",
            null,
            null);
    Map<String, PathHop> hops = Map.of(hop.runId(), new PathHop("run-0", 2, 3, "2.0.0"));

    String plain = HistoryText.render(List.of(hop));
    String marked = HistoryText.render(List.of(hop), id -> Optional.ofNullable(hops.get(id)));

    assertThat(plain.lines().findFirst().orElseThrow()).endsWith("STARTED");
    assertThat(marked.lines().findFirst().orElseThrow()).endsWith("PATH");
    assertThat(marked.lines().skip(1).findFirst().orElseThrow())
        .startsWith(hop.runId())
        .endsWith(" 2/3 → 2.0.0 (path run-0)");
  }

  @Test
  void render_status_showsTheServicesAsATableWithHeaders() {
    StatusReport status =
        new StatusReport(
            "production",
            "1.1.0",
            T0,
            null,
            false,
            null,
            null,
            List.of(
                new ServiceStatus(
                    "api",
                    List.of(
                        new ServiceStatus.NodeStatus("node-1", true, "1.1.0", "pid 4242"),
                        new ServiceStatus.NodeStatus("node-2", false, null, "not installed"))),
                new ServiceStatus(
                    "worker",
                    List.of(new ServiceStatus.NodeStatus("local", true, "1.1.0", "pid 4250")))),
            null,
            null);

    GOLDEN.assertMatches("status.txt", StatusText.render(status));
  }

  @Test
  void render_status_runningNodesOnAnotherRelease_areDrift() {
    StatusReport status =
        new StatusReport(
            "production",
            "1.1.0",
            T0,
            null,
            false,
            null,
            null,
            List.of(
                new ServiceStatus(
                    "api", List.of(new ServiceStatus.NodeStatus("local", true, "1.0.0", "image"))),
                new ServiceStatus(
                    "worker",
                    List.of(
                        new ServiceStatus.NodeStatus(
                            "local", true, null, "image notes/worker:hotfix", true))),
                new ServiceStatus(
                    "ui", List.of(new ServiceStatus.NodeStatus("local", false, "1.0.0", ""))),
                new ServiceStatus(
                    "cron", List.of(new ServiceStatus.NodeStatus("local", true, null, "pid 7")))),
            null,
            null);

    assertThat(StatusText.render(status))
        .contains(
            "Drift: api@local runs 1.0.0, not 1.1.0; worker@local runs an artifact of no known"
                + " release (image notes/worker:hotfix), not 1.1.0\n")
        .contains("`lockstep upgrade --to 1.1.0` puts the release back.")
        .doesNotContain("ui@local")
        .doesNotContain("cron@local");
    assertThat(Json.write(status).replaceAll("\\s", ""))
        .contains("\"drift\":[{\"service\":\"api\",\"node\":\"local\",\"runs\":\"1.0.0\"");
  }

  @Test
  void render_refusedAdoption_listsEveryMismatchAndSaysNothingWasRecorded() {
    AdoptionReport report =
        new AdoptionReport(
            "1.1.0",
            false,
            List.of(),
            List.of("1 migration applied in lockstep_schema_history: 1"),
            List.of(
                "service api on node local runs 1.0.0, not 1.1.0",
                "migration 2 of 1.1.0 is not applied"),
            null,
            null,
            null);

    String text = AdoptionText.render(report);

    assertThat(text)
        .startsWith("Not adopted as 1.1.0")
        .contains("Nothing was recorded.")
        .contains("  - service api on node local runs 1.0.0, not 1.1.0\n")
        .contains("  - migration 2 of 1.1.0 is not applied\n");
  }

  private static PlannedStep step(
      int number, String name, String description, boolean down, RollbackStrategy rollback) {
    return new PlannedStep(number, name, description, down, rollback);
  }
}
