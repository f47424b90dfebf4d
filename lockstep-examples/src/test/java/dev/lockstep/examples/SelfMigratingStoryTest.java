package dev.lockstep.examples;

import static dev.lockstep.examples.TallyDeployment.ADD_NOTE;
import static dev.lockstep.examples.TallyDeployment.CREATE_ITEMS;
import static dev.lockstep.examples.TallyDeployment.CREATE_TAGS;
import static dev.lockstep.examples.TallyDeployment.DROP_NOTE;
import static dev.lockstep.examples.TallyDeployment.RENAME_NAME;
import static dev.lockstep.examples.TallyDeployment.RENAME_TAG;
import static dev.lockstep.examples.TallyDeployment.TAGS_NOT_NULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.migrations.MigrationsReport;
import dev.lockstep.engine.migrations.MigrationsReport.Applied;
import dev.lockstep.engine.migrations.MigrationsReport.PendingMigration;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole upgrades of a product that migrates itself, by its own migrate command or as it starts:
 * real PostgreSQL, real processes, the product's own Prisma-style history table.
 */
@ExtendWith(PostgresExtension.class)
class SelfMigratingStoryTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  TallyDeployment tally;
  Deployment deployment;

  @BeforeEach
  void deploy() {
    tally =
        TallyDeployment.create(
            PostgresExtension.server(),
            "tally_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    deployment = tally.open();
  }

  @AfterEach
  void tearDown() {
    deployment.close();
    tally.close();
  }

  @Test
  void upgrade_byTheProductsMigrateCommand_appliesItsMigrationsOnceAndRecordsThem()
      throws Exception {
    RunReport first = upgrade("1.0.0");
    assertThat(first.exitCode()).as(first.summary()).isZero();

    RunReport report = upgrade("1.1.0");

    assertThat(report.exitCode()).as(report.summary()).isZero();
    assertThat(report.steps())
        .extracting(StepReport::name)
        .containsExactly(
            "backup",
            "verify-backup",
            "stop-services",
            "snapshot-databases",
            "migrate",
            "install",
            "start-services",
            "validate");
    assertThat(report.migrations())
        .containsExactly(new MigrationReport(ADD_NOTE, "add items note", "expand"));
    assertThat(detail(report, "migrate"))
        .contains("applied " + ADD_NOTE + " add items note (expand)")
        .contains("measured: expand");
    assertThat(columns("items")).contains("note");
    assertThat(deployment.status().installed()).isEqualTo("1.1.0");
    String log = Files.readString(deployment.config().logsDir().resolve("migrate.log"));
    assertThat(log)
        .contains("migrations: applying " + ADD_NOTE)
        .contains("migrations: 1 applied, 0 failed")
        .doesNotContain(tally.password().reveal());

    MigrationsReport migrations = deployment.migrations(null, report.runId());

    assertThat(migrations.release()).isEqualTo("1.1.0");
    assertThat(migrations.installed()).isTrue();
    assertThat(migrations.runner()).isEqualTo("command");
    assertThat(migrations.tables())
        .singleElement()
        .satisfies(
            table -> {
              assertThat(table.format()).isEqualTo("prisma");
              assertThat(table.table()).isEqualTo("public._prisma_migrations");
              assertThat(table.applied())
                  .extracting(Applied::id, Applied::success)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple(CREATE_ITEMS, true),
                      org.assertj.core.groups.Tuple.tuple(ADD_NOTE, true));
              assertThat(table.applied()).allSatisfy(a -> assertThat(a.appliedAt()).isNotNull());
              assertThat(table.dirty()).isEmpty();
            });
    assertThat(migrations.pending().migrations()).isEmpty();
    assertThat(migrations.run().applied())
        .containsExactly(new MigrationReport(ADD_NOTE, "add items note", "expand"));
    assertThat(deployment.migrations(Version.parse("2.0.0"), null).pending().migrations())
        .containsExactly(new PendingMigration(CREATE_TAGS, "create tags", "expand"));
  }

  @Test
  void upgrade_byTheProductsMigrateCommandWithNothingPending_doesNotRunTheCommand()
      throws Exception {
    succeeded(upgrade("1.1.0"));
    Path log = deployment.config().logsDir().resolve("migrate.log");
    Files.setLastModifiedTime(log, FileTime.fromMillis(0));

    RunReport report = upgrade("1.1.1");

    assertThat(report.exitCode()).as(report.summary()).isZero();
    assertThat(detail(report, "migrate"))
        .startsWith("migrate command not run: the ")
        .contains("has every migration of 1.1.1 applied; no pending migrations");
    assertThat(Files.getLastModifiedTime(log)).isEqualTo(FileTime.fromMillis(0));
    assertThat(report.migrations()).isEmpty();
    assertThat(deployment.status().installed()).isEqualTo("1.1.1");
  }

  @Test
  void upgrade_whoseMigrateCommandFails_isRolledBackWithTheFailedMigrationUndone()
      throws Exception {
    succeeded(upgrade("1.1.0"));

    RunReport report = upgrade("1.2.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().reason())
        .contains("The migrate command of 1.2.0 failed with exit code 1")
        .contains("no_such_table")
        .contains("Prisma migration " + DROP_NOTE + " failed")
        .contains("prisma migrate resolve --rolled-back " + DROP_NOTE)
        .contains(DROP_NOTE + " drop items note (contract)");
    assertThat(forwardSteps(report)).doesNotContain("install", "start-services");
    assertThat(deployment.status().installed()).isEqualTo("1.1.0");
    assertThat(deployment.status().services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.1.0"));
    assertThat(deployment.status().services()).allSatisfy(s -> assertThat(s.anyRunning()).isTrue());
    MigrationsReport migrations = deployment.migrations(null, null);
    assertThat(migrations.tables().get(0).dirty()).isEmpty();
    assertThat(migrations.tables().get(0).applied())
        .extracting(Applied::id)
        .containsExactly(CREATE_ITEMS, ADD_NOTE);
  }

  @Test
  void upgrade_whoseMigrationIsAContractDeclaredExpand_isStoppedBeforeDeploying() throws Exception {
    succeeded(upgrade("1.1.0"));

    RunReport report = upgrade("1.3.0");

    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().reason())
        .contains("declares its migrations expand")
        .contains("contract")
        .contains("Stopping before deploying");
    assertThat(report.migrations())
        .containsExactly(new MigrationReport(RENAME_NAME, "rename items name", "expand"));
    assertThat(forwardSteps(report)).doesNotContain("install");
    assertThat(columns("items")).contains("name").doesNotContain("title");
    assertThat(deployment.status().installed()).isEqualTo("1.1.0");
  }

  @Test
  void upgrade_migratingOnStartup_watchesTheHistoryAndTheLogUntilDone() throws Exception {
    succeeded(upgrade("1.1.0"));

    RunReport report = upgrade("2.0.0");

    assertThat(report.exitCode()).as(report.summary()).isZero();
    assertThat(report.steps())
        .extracting(StepReport::name)
        .containsExactly(
            "backup",
            "verify-backup",
            "stop-services",
            "snapshot-databases",
            "before-migrations",
            "install",
            "start-services",
            "watch-migrations",
            "validate");
    assertThat(report.migrations())
        .containsExactly(new MigrationReport(CREATE_TAGS, "create tags", "expand"));
    assertThat(detail(report, "watch-migrations"))
        .contains("measured: expand")
        .contains("server logged");
    assertThat(columns("tags")).contains("item_id", "tag");
    assertThat(deployment.migrations(null, null).pending().migrations()).isEmpty();
  }

  @Test
  void upgrade_whoseServerLogsMigrationsFailedOnStartup_stopsAtOnceAndRestores() {
    RunReport first = upgrade("2.0.0");
    assertThat(first.exitCode()).as(first.summary()).isZero();
    assertThat(first.migrations()).hasSize(3);

    RunReport report = upgrade("2.1.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().reason())
        .contains("server@local logged a failed migration: \"migrations: failed: " + TAGS_NOT_NULL)
        .contains("no_such_column")
        .contains("prisma migrate resolve");
    assertThat(report.steps())
        .filteredOn(s -> s.phase().equals("forward") && s.name().equals("watch-migrations"))
        .singleElement()
        .satisfies(s -> assertThat(s.duration()).isLessThan(java.time.Duration.ofSeconds(10)));
    assertThat(deployment.status().installed()).isEqualTo("2.0.0");
    assertThat(deployment.status().services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("2.0.0"));
    assertThat(deployment.migrations(null, null).tables().get(0).dirty()).isEmpty();
  }

  @Test
  void upgrade_whoseServerMakesAContractChangeDeclaredExpand_failsAfterTheFactAndRestores()
      throws Exception {
    succeeded(upgrade("2.0.0"));

    RunReport report = upgrade("2.2.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    assertThat(report.rollback().strategy()).isEqualTo("restore_backup");
    assertThat(report.rollback().reason())
        .contains("declares its migrations expand")
        .contains("already runs on this schema");
    assertThat(report.migrations())
        .containsExactly(new MigrationReport(RENAME_TAG, "rename tags tag", "expand"));
    assertThat(columns("tags")).contains("tag").doesNotContain("label");
    assertThat(deployment.status().installed()).isEqualTo("2.0.0");
  }

  @Test
  void migrations_forAnUnknownRun_isBadInput() {
    assertThatThrownBy(() -> deployment.migrations(null, "no-such-run"))
        .isInstanceOf(LockstepException.class)
        .satisfies(e -> assertThat(((LockstepException) e).errorCode()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("lockstep history");
  }

  private RunReport upgrade(String version) {
    return deployment.upgrade(Version.parse(version));
  }

  private static String detail(RunReport report, String step) {
    return report.steps().stream()
        .filter(s -> s.name().equals(step) && s.phase().equals("forward"))
        .findFirst()
        .orElseThrow()
        .detail();
  }

  private static List<String> forwardSteps(RunReport report) {
    return report.steps().stream()
        .filter(s -> s.phase().equals("forward"))
        .map(StepReport::name)
        .toList();
  }

  private List<String> columns(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = new Database(deployment.config().database()).connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = '"
                        + table
                        + "'")) {
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
