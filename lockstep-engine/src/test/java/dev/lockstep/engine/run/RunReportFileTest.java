package dev.lockstep.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RollbackReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.StepStatus;
import dev.lockstep.postgres.testing.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run reports in every format version: reports the demo wrote before files had versions (see {@code
 * formats/report/README.md}) are read as version 1, the writer's output for a fixed report is the
 * committed version-1 file, and a newer version is refused.
 */
class RunReportFileTest {
  private static final Path FORMATS = Path.of("src/test/resources/formats/report");
  private static final GoldenFiles GOLDEN = GoldenFiles.in(FORMATS.resolve("v1").toString());
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.250Z");

  @TempDir Path dir;

  @Test
  void read_unversionedRolledBackRun_readsEveryField() throws Exception {
    RunReport report = RunReportFile.read(FORMATS.resolve("unversioned/rolled-back.json"));

    assertThat(report.runId()).isEqualTo("run-20261205-195846-617d");
    assertThat(report.kind()).isEqualTo("upgrade");
    assertThat(report.environment()).isEqualTo("demo");
    assertThat(report.from()).isEqualTo("1.1.0");
    assertThat(report.to()).isEqualTo("2.0.0");
    assertThat(report.status()).isEqualTo("rolled_back");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.startedAt()).isEqualTo(Instant.parse("2026-12-05T19:58:46.025Z"));
    assertThat(report.endedAt()).isEqualTo(Instant.parse("2026-12-05T19:59:12.033Z"));
    assertThat(report.duration()).isEqualTo(Duration.parse("PT26.008S"));
    assertThat(report.downtime()).isEqualTo(Duration.parse("PT22.000060991S"));
    assertThat(report.backupId()).isEqualTo("20261205-195846-2714");
    assertThat(report.steps()).hasSize(13);
    assertThat(report.steps().get(4))
        .isEqualTo(
            new StepReport(
                5,
                "migrate",
                "forward",
                "succeeded",
                Instant.parse("2026-12-05T19:58:51.752Z"),
                Duration.parse("PT1.119S"),
                "applied V3 rename body to content (contract) in 540ms; measured: contract (1"
                    + " schema change)"));
    assertThat(report.steps().get(9).phase()).isEqualTo("rollback");
    assertThat(report.migrations())
        .containsExactly(new MigrationReport("3", "rename body to content", "contract"));
    assertThat(report.checks()).hasSize(10);
    assertThat(report.checks().get(4))
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo("notes list loads");
              assertThat(check.passed()).isFalse();
              assertThat(check.attempts()).isEqualTo(4);
              assertThat(check.duration()).isEqualTo(Duration.parse("PT2.436470333S"));
              assertThat(check.message()).startsWith("GET http://127.0.0.1:22922/notes → 500");
            });
    RollbackReport rollback = report.rollback();
    assertThat(rollback.strategy()).isEqualTo("restore_backup");
    assertThat(rollback.description())
        .isEqualTo("stop the services, restore this run's verified backup, redeploy 1.1.0");
    assertThat(rollback.reason()).startsWith("'validate' failed: 1 of 5 checks failed on 2.0.0");
    assertThat(rollback.backupId()).isEqualTo("20261205-195846-2714");
    assertThat(rollback.dataLossWindow()).isEqualTo(Duration.parse("PT12.959213772S"));
    assertThat(rollback.duration()).isEqualTo(Duration.parse("PT9.044S"));
    assertThat(report.summary()).startsWith("The upgrade to 2.0.0 failed and was rolled back");
  }

  @Test
  void read_unversionedFirstInstall_readsAnAbsentFromAndRollback() throws Exception {
    RunReport report = RunReportFile.read(FORMATS.resolve("unversioned/first-install.json"));

    assertThat(report.from()).isNull();
    assertThat(report.to()).isEqualTo("1.0.0");
    assertThat(report.status()).isEqualTo("succeeded");
    assertThat(report.exitCode()).isZero();
    assertThat(report.rollback()).isNull();
    assertThat(report.steps()).hasSize(8).allMatch(step -> step.phase().equals("forward"));
    assertThat(report.checks()).hasSize(5).allMatch(CheckResult::passed);
    assertThat(report.summary()).isEqualTo("Installed 1.0.0.");
  }

  @Test
  void write_fixedReport_isTheVersionOneGoldenAndReadsBackEqual() throws Exception {
    RunReport report = fixedReport();
    Path file = dir.resolve("run.json");

    RunReportFile.write(file, report);

    GOLDEN.assertMatches("report.json", Files.readString(file));
    assertThat(RunReportFile.read(GOLDEN.file("report.json"))).isEqualTo(report);
  }

  @Test
  void read_versionOneWrittenBeforeRollbackNow_readsWithoutIt() throws Exception {
    RunReport report = RunReportFile.read(GOLDEN.file("before-rollback-now.json"));

    assertThat(report.rollbackNow()).isNull();
    assertThat(report).isEqualTo(fixedReport());
  }

  @Test
  void write_succeededUpgrade_carriesTheRollbackThatWouldApplyNow() throws Exception {
    RunReport report = succeededReport();
    Path file = dir.resolve("run.json");

    RunReportFile.write(file, report);

    GOLDEN.assertMatches("succeeded.json", Files.readString(file));
    assertThat(RunReportFile.read(GOLDEN.file("succeeded.json"))).isEqualTo(report);
  }

  @Test
  void read_unknownFieldsInAKnownVersion_areIgnored() throws Exception {
    Path file = dir.resolve("run.json");
    Path original = FORMATS.resolve("unversioned/first-install.json");
    Files.writeString(
        file,
        Files.readString(original)
            .replaceFirst("\\{", "{\"formatVersion\": 1, \"host\": \"db1\",")
            .replace("\"detail\" :", "\"retries\" : 0, \"detail\" :"));

    assertThat(RunReportFile.read(file)).isEqualTo(RunReportFile.read(original));
  }

  @Test
  void read_fromANewerLockstep_isRefusedNamingTheFileAndBothVersions() throws Exception {
    Path file = dir.resolve("run.json");
    Files.writeString(
        file,
        Files.readString(FORMATS.resolve("unversioned/first-install.json"))
            .replaceFirst("\\{", "{\"formatVersion\": 2,"));

    assertThatThrownBy(() -> RunReportFile.read(file))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.getMessage())
                  .startsWith(
                      file
                          + ": formatVersion: this run report has format version 2, written by a"
                          + " newer Lockstep; this Lockstep reads versions 1 to 1.");
            });
  }

  @Test
  void write_reportBuiltFromTheJournal_isVersionedAndReadsBackAsBuilt() throws Exception {
    try (Journal journal = Journal.empty()) {
      String runId = journal.startRun(RunKind.UPGRADE, "staging", "1.0.0", "1.1.0").id();
      int seq = journal.stepStarted(runId, "backup", Phase.FORWARD);
      journal.stepFinished(runId, seq, StepStatus.SUCCEEDED, "backup 20261201-100000-abcd");
      journal.finishRun(runId, RunStatus.SUCCEEDED, "Upgraded to 1.1.0.");
      ReportBuilder reports = new ReportBuilder(journal);

      Path file = reports.write(runId, dir.resolve("reports"));

      assertThat(file).isEqualTo(dir.resolve("reports").resolve(runId + ".json"));
      assertThat(Files.readString(file)).startsWith("{\n  \"formatVersion\" : 1,\n");
      assertThat(RunReportFile.read(file)).isEqualTo(reports.build(runId));
    }
  }

  /** A contract upgrade that succeeded: a rollback now would swap its snapshot back in. */
  private static RunReport succeededReport() {
    return new RunReport(
        "run-20261201-110000-0002",
        "upgrade",
        "production",
        "1.1.0",
        "2.0.0",
        "succeeded",
        0,
        T0,
        T0.plusSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofMillis(6_500),
        "20261201-110000-abcd",
        List.of(
            new StepReport(
                1, "backup", "forward", "succeeded", T0, Duration.ofSeconds(2), "backup taken")),
        List.of(new MigrationReport("3", "rename body to content", "contract")),
        List.of(new CheckResult("notes list loads", true, 1, Duration.ofMillis(240), "ok")),
        null,
        "Upgraded 1.1.0 → 2.0.0.",
        Duration.ofMillis(5_000),
        Duration.ofMillis(400),
        new RollbackNow(
            "restore_backup",
            "stop the services, swap the database snapshot back in, redeploy 1.1.0",
            "contract migration V3 rename body to content ran; 1.1.0 cannot run on that schema",
            List.of("migration V3 rename body to content ran (the history table says so)"),
            List.of(
                "it is contract, as the release declares (an undeclared migration is assumed"
                    + " contract): 1.1.0 cannot run on that schema"),
            "snapshot swap",
            "20261201-110000-abcd",
            T0.plusSeconds(5)));
  }

  /** A rolled-back upgrade with every field filled. */
  private static RunReport fixedReport() {
    return new RunReport(
        "run-20261201-100000-0001",
        "upgrade",
        "production",
        "1.1.0",
        "2.0.0",
        "rolled_back",
        3,
        T0,
        T0.plusSeconds(40),
        Duration.ofSeconds(40),
        Duration.ofMillis(31_500),
        "20261201-100000-abcd",
        List.of(
            new StepReport(
                1, "backup", "forward", "succeeded", T0, Duration.ofSeconds(2), "backup taken"),
            new StepReport(
                2,
                "validate",
                "forward",
                "failed",
                T0.plusSeconds(10),
                Duration.ofSeconds(8),
                "1 of 1 checks failed"),
            new StepReport(
                3,
                "restore-backup",
                "rollback",
                "succeeded",
                T0.plusSeconds(20),
                Duration.ofSeconds(1),
                "restored notes")),
        List.of(new MigrationReport("3", "rename body to content", "contract")),
        List.of(
            new CheckResult("notes list loads", false, 4, Duration.ofMillis(2400), "500"),
            new CheckResult("notes list loads", true, 1, Duration.ofMillis(240), "ok")),
        new RollbackReport(
            "restore_backup",
            "stop the services, restore this run's verified backup, redeploy 1.1.0",
            "'validate' failed",
            List.of(),
            List.of(),
            null,
            "20261201-100000-abcd",
            Duration.ofSeconds(13),
            Duration.ofSeconds(9),
            List.of()),
        "The upgrade to 2.0.0 failed and was rolled back.");
  }
}
