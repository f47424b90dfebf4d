package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lockstep.core.config.ClientsConfig;
import dev.lockstep.core.config.ExtensionsConfig;
import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.config.JobsConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.engine.testing.JsonEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every gate, judged together as the plan judges them. */
class GatesTest {
  private static final List<String> IN_REPORT_ORDER =
      List.of(
          "no other run in progress",
          "upgrade path",
          "nothing runs that the journal does not know",
          "all components from one release",
          "artifact digests",
          "state stores reachable",
          "database privileges",
          "migration runner",
          "migration history",
          "no half-applied migration",
          "no schema drift",
          "rehearsal",
          "disk space for the backup");

  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_deploymentReady_everyGatePassesInReportOrder() {
    List<GateResult> results = Gates.check(fixture.context());

    assertThat(results).extracting(GateResult::gate).containsAll(IN_REPORT_ORDER);
    assertThat(results)
        .filteredOn(result -> IN_REPORT_ORDER.contains(result.gate()))
        .extracting(GateResult::gate)
        .containsExactlyElementsOf(IN_REPORT_ORDER);
    assertThat(results).noneMatch(GateResult::blocked);
  }

  @Test
  void check_databaseUnreachable_blocksEveryGateThatNeedsIt() {
    fixture.database = DatabaseProbe.unreachable("connection refused");

    List<GateResult> results = Gates.check(fixture.context());

    assertThat(results)
        .filteredOn(result -> IN_REPORT_ORDER.contains(result.gate()))
        .filteredOn(GateResult::blocked)
        .extracting(GateResult::gate)
        .containsExactly(
            "state stores reachable",
            "migration history",
            "no half-applied migration",
            "no schema drift",
            "disk space for the backup");
  }

  @Test
  void check_jobsDeclared_isJudgedLast() {
    fixture.jobs = JobsConfig.command("true", Duration.ZERO);

    List<GateResult> results = Gates.check(fixture.context());

    assertThat(results.get(results.size() - 1))
        .isEqualTo(GateResult.passed("no long-running jobs", "no job running"));
  }

  @Test
  void check_clientsAndExtensionsThatOnlyWarn_comeBeforeJobsAndRefuseNothing() {
    fixture.target =
        GateFixture.withProtocols(
            fixture.target, new dev.lockstep.core.manifest.Protocols(List.of("3"), "3"));
    fixture.jobs = JobsConfig.command("true", Duration.ZERO);
    fixture.extensions =
        ExtensionsConfig.command(
            "echo '[{\"name\": \"old-mcp\", \"protocols\": \"1.x\"}]'", GatePolicy.WARN);
    try (JsonEndpoint endpoint = new JsonEndpoint().answer("{\"2\": 5, \"3\": 9}")) {
      fixture.clients = ClientsConfig.http(endpoint.root() + "/clients", "$", GatePolicy.WARN);

      List<GateResult> results = Gates.check(fixture.context());

      assertThat(results.subList(results.size() - 3, results.size()))
          .extracting(GateResult::gate, GateResult::verdict)
          .containsExactly(
              tuple("connected clients served", Verdict.WARNED),
              tuple("extensions compatible", Verdict.WARNED),
              tuple("no long-running jobs", Verdict.PASSED));
      assertThat(results).noneMatch(GateResult::blocked);
    }
  }

  @Test
  void check_upgradeAnEarlierGateRefuses_doesNotWaitForJobs() {
    fixture.upgrading = true;
    fixture.database = DatabaseProbe.unreachable("connection refused");
    fixture.jobs = JobsConfig.command("echo export-42", Duration.ofMinutes(10));

    List<GateResult> results = Gates.check(fixture.context());

    assertThat(results.get(results.size() - 1))
        .isEqualTo(
            GateResult.passed(
                "no long-running jobs",
                "1 job running: export-42; the upgrade waits up to 10m (jobs.wait) for them to"
                    + " finish, and blocks if they have not"));
  }
}
