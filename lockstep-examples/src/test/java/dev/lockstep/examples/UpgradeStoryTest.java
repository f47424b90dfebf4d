package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.plan.PlannedStep;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.GateBlockedException;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Whole upgrades and rollbacks of the sample product: real PostgreSQL, real processes, real HTTP.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class UpgradeStoryTest {
  SampleRun run;

  @BeforeEach
  void deploy() {
    run = new SampleRun();
  }

  @AfterEach
  void tearDown() {
    run.close();
  }

  @Test
  void upgrade_expandRelease_succeedsWithAVerifiedBackupAndMeasuredDowntime() {
    succeeded(upgrade("1.0.0"));
    long id = run.sample.notes().write("first", "one two three", null);

    RunReport report = upgrade("1.1.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("succeeded");
    assertThat(report.exitCode()).isZero();
    assertThat(report.backupId()).isNotNull();
    assertThat(report.migrations())
        .containsExactly(new MigrationReport("2", "add note tags", "expand"));
    assertThat(report.downtime()).isPositive().isLessThan(report.duration());
    assertThat(report.steps())
        .extracting(s -> s.name())
        .containsExactly(
            "backup",
            "verify-backup",
            "stop-services",
            "snapshot-databases",
            "migrate",
            "install",
            "start-services",
            "validate");
    assertThat(run.deployment.backups().list().get(0).verified()).isTrue();
    StatusReport status = run.deployment.status();
    assertThat(status.installed()).isEqualTo("1.1.0");
    assertThat(status.services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.1.0"));
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
    assertThat(run.deployment.config().reportsDir().resolve(report.runId() + ".json")).exists();
  }

  @Test
  void upgrade_contractReleaseFailingItsSmokeCheck_restoresTheBackupAndRedeploysThePrevious()
      throws SQLException {
    upgrade("1.1.0");
    List<Long> written = new ArrayList<>();
    written.add(run.sample.notes().write("untagged", "breaks 2.0.0", null));
    written.add(run.sample.notes().write("tagged", "fine", "a,b"));

    RunReport report = upgrade("2.0.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().backupId()).isEqualTo(report.backupId());
    assertThat(report.rollback().dataLossWindow()).isPositive();
    assertThat(report.rollback().reason()).contains("notes list loads").contains("contract");
    assertThat(report.downtime()).isPositive();
    assertThat(run.deployment.status().installed()).isEqualTo("1.1.0");
    assertThat(columnsOfNotes()).contains("body").doesNotContain("content");
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).containsAll(written);
  }

  @Test
  void rollback_afterAnExpandUpgrade_revertsTheServicesAndKeepsTheNewSchema() throws SQLException {
    upgrade("1.0.0");
    upgrade("1.1.0");
    long id = run.sample.notes().write("after", "written on 1.1.0", "kept");

    RunReport report = run.deployment.rollback();

    assertThat(report.kind()).isEqualTo("rollback");
    assertThat(report.exitCode()).isZero();
    assertThat(report.rollback().strategy()).isEqualTo("revert_services_on_new_schema");
    assertThat(report.rollback().dataLossWindow()).isNull();
    assertThat(run.deployment.status().installed()).isEqualTo("1.0.0");
    assertThat(columnsOfNotes()).contains("tags");
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(id);
  }

  @Test
  void rollback_afterAFailedUpgradeThatWasRolledBack_undoesTheUpgradeThatInstalledTheRelease() {
    upgrade("1.0.0");
    upgrade("1.1.0");
    run.sample.notes().write("untagged", "2.0.0 cannot list me", null);
    assertThat(upgrade("2.0.0").exitCode()).isEqualTo(3);

    RunReport report = run.deployment.rollback();

    assertThat(report.exitCode()).as(report.summary()).isZero();
    assertThat(report.kind()).isEqualTo("rollback");
    assertThat(report.from()).isEqualTo("1.1.0");
    assertThat(report.to()).isEqualTo("1.0.0");
    assertThat(report.summary()).contains("Rolled back from 1.1.0 to 1.0.0");
    assertThat(run.deployment.status().installed()).isEqualTo("1.0.0");
    assertThat(run.deployment.status().services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.0.0"));
  }

  @Test
  void rollback_afterASuccessfulContractUpgrade_restoresThatUpgradesBackup() throws SQLException {
    upgrade("1.1.0");
    long before = run.sample.notes().write("tagged", "2.0.0 lists it", "ok");
    succeeded(upgrade("2.0.0"));

    RunReport report = run.deployment.rollback();

    assertThat(report.exitCode()).isZero();
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().dataLossWindow()).isPositive();
    assertThat(run.deployment.status().installed()).isEqualTo("1.1.0");
    assertThat(columnsOfNotes()).contains("body");
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).contains(before);
    assertThatThrownBy(() -> run.deployment.rollback())
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("nothing to roll back");
  }

  @Test
  void rollback_whenThePreviousReleaseFailsOnTheExpandedSchema_restores_thenNeedsAnOperator() {
    upgrade("1.0.0");
    upgrade("1.1.0");
    // An operator's new check that 1.0.0 cannot pass: the revert fails, and so does the restore.
    run.addChecks(
        """
          - name: api is newer than 1.0.0
            http:
              url: http://127.0.0.1:${NOTES_API_PORT}/.status
              assertions: ['$.version != "1.0.0"']
            retries: 1
            interval: 100ms
        """);

    RunReport failed = run.deployment.rollback();

    assertThat(failed.status()).as(failed.toString()).isEqualTo("rollback_failed");
    assertThat(failed.exitCode()).isEqualTo(4);
    assertThat(failed.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(failed.summary())
        .contains("Services now: api running 1.0.0")
        .contains("Database: restored from backup")
        .contains("lockstep resume");
    assertThatThrownBy(() -> run.deployment.upgrade(Version.parse("1.1.0")))
        .isInstanceOf(GateBlockedException.class)
        .hasMessageContaining("needs an operator");

    run.addChecks("");
    RunReport retried = run.deployment.resume(false);

    assertThat(retried.exitCode()).isZero();
    assertThat(run.deployment.status().installed()).isEqualTo("1.0.0");
  }

  @Test
  void plan_forAContractRelease_saysWhichRollbackAppliesAfterEachStep() {
    upgrade("1.1.0");

    Plan plan = run.deployment.plan(Version.parse("2.0.0"));

    assertThat(plan.blocked()).isFalse();
    assertThat(plan.migrations()).extracting(m -> m.version()).containsExactly("3");
    assertThat(plan.steps())
        .extracting(PlannedStep::rollbackAfter)
        .containsExactly(
            RollbackStrategy.NOTHING_TO_UNDO,
            RollbackStrategy.NOTHING_TO_UNDO,
            RollbackStrategy.REVERT_SERVICES,
            RollbackStrategy.REVERT_SERVICES,
            RollbackStrategy.RESTORE_BACKUP,
            RollbackStrategy.RESTORE_BACKUP,
            RollbackStrategy.RESTORE_BACKUP,
            RollbackStrategy.RESTORE_BACKUP);
  }

  @Test
  void upgrade_withATamperedArtifact_isRefusedBeforeAnythingIsTouched() throws Exception {
    upgrade("1.0.0");
    Path artifact = run.sample.folder().resolve("releases/1.1.0/api.java");
    Files.writeString(artifact, Files.readString(artifact) + "\n// tampered\n");
    int runsBefore = run.deployment.history().size();

    assertThatThrownBy(() -> upgrade("1.1.0"))
        .isInstanceOf(GateBlockedException.class)
        .hasMessageContaining("artifact digests")
        .hasMessageContaining("api.java")
        .satisfies(e -> assertThat(((LockstepException) e).exitCode()).isEqualTo(2));
    assertThat(run.deployment.history()).hasSize(runsBefore);
    assertThat(run.deployment.status().installed()).isEqualTo("1.0.0");
    assertThat(run.deployment.status().services())
        .allSatisfy(s -> assertThat(s.anyRunning()).isTrue());
  }

  @Test
  void upgrade_toAnUnknownRelease_isBadInput() {
    assertThatThrownBy(() -> upgrade("9.9.9"))
        .isInstanceOf(LockstepException.class)
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.RELEASE_UNKNOWN))
        .hasMessageContaining("1.0.0, 1.1.0, 2.0.0");
  }

  private RunReport upgrade(String version) {
    return run.deployment.upgrade(Version.parse(version));
  }

  private List<String> columnsOfNotes() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = new Database(run.deployment.config().database()).connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'notes'")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns;
  }

  /** {@code report}'s run must have succeeded; the whole report is shown when it has not. */
  private static void succeeded(RunReport report) {
    assertThat(report.exitCode()).as(report.toString()).isZero();
  }
}
