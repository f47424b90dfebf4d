package dev.lockstep.engine.run;

import static dev.lockstep.core.manifest.MigrationClass.CONTRACT;
import static dev.lockstep.core.manifest.MigrationClass.EXPAND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.gates.DatabaseProbe;
import dev.lockstep.engine.gates.GateContext;
import dev.lockstep.engine.plan.Planner;
import dev.lockstep.engine.steps.Checklists;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.StepStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run driver's decisions, step by step, on a model deployment: every failing step of every
 * runner's checklist, with expand and contract migrations, ends in the rollback the facts call for,
 * and a crashed run resumes on the checklist it recorded.
 */
class RunDriverTest {
  private static final Toolbox NO_TOOLS =
      new Toolbox(null, null, null, null, null, RunListener.NONE, Clock.systemUTC());
  private static final ConfigShape SNAPSHOTS_ON = shape(true);
  private static final ConfigShape WITH_STORE =
      new ConfigShape(
          Map.of(
              "backup.snapshot", "true", "stores[0].name", "main", "stores[0].kind", "POSTGRES"));

  static Stream<Arguments> everyFailingStep() {
    List<Arguments> cases = new ArrayList<>();
    for (MigrationRunnerKind runner : MigrationRunnerKind.values()) {
      for (MigrationClass type : List.of(EXPAND, CONTRACT)) {
        RunReleases releases = releases(runner, type);
        for (String step : names(realUpgrade(releases, true))) {
          cases.add(Arguments.of(runner, type, step));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}: {2} fails")
  @MethodSource("everyFailingStep")
  void drive_failingStep_rollsBackAsThePlanSaid(
      MigrationRunnerKind runner, MigrationClass type, String failingStep) {
    RunReleases releases = releases(runner, type);
    ModelDeployment model = installed(releases).failAt("forward:" + failingStep);
    RunDriver driver = model.driver(SNAPSHOTS_ON);

    String runId = start(model, driver, releases, true);
    RunReport report = driver.drive(runId, releases);

    RollbackStrategy expected = expectedStrategy(releases, failingStep, type);
    assertThat(ModelDeployment.strategyOf(model.journal, runId)).isEqualTo(expected);
    assertThat(plannedRollback(releases, failingStep))
        .as("the plan's rollback after '%s'", failingStep)
        .isEqualTo(expected);
    if (expected == RollbackStrategy.NOTHING_TO_UNDO) {
      assertThat(report.exitCode()).isEqualTo(1);
      assertThat(model.ran).noneMatch(step -> step.startsWith("rollback:"));
    } else {
      assertThat(report.exitCode()).as(report.summary()).isEqualTo(3);
      assertThat(model.running).isEqualTo("1.0.0");
      assertThat(model.servicesUp).isTrue();
      assertThat(model.ran).contains("rollback:validate");
      assertThat(model.ran.contains("rollback:restore-backup"))
          .isEqualTo(expected == RollbackStrategy.RESTORE_BACKUP);
    }
    assertThat(model.journal.installed().orElseThrow().version()).isEqualTo("1.0.0");
    assertThat(model.journal.installed().orElseThrow().runId()).isEqualTo(model.firstInstall);
  }

  @Test
  void redoAftermath_ofARunKilledAfterItsEnd_doesTheAftermathAgain() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String runId = start(model, driver, releases, true);
    driver.drive(runId, releases);

    driver.redoAftermath(model.journal.run(runId).orElseThrow());

    assertThat(model.aftermaths).endsWith(runId + " SUCCEEDED", runId + " SUCCEEDED");
  }

  @Test
  void drive_successfulExpandUpgrade_reportSaysARevertWouldApplyNow() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);
    RunDriver driver = model.driver(WITH_STORE);
    String runId = start(model, driver, releases, true);

    RunReport report = driver.drive(runId, releases);

    assertThat(report.exitCode()).isZero();
    RollbackNow now = report.rollbackNow();
    assertThat(now.strategy()).isEqualTo("revert_services_on_new_schema");
    assertThat(now.description()).startsWith("revert the services to 1.0.0 on the expanded schema");
    assertThat(now.restores()).isFalse();
    assertThat(now.reason()).isEqualTo("only expand migrations ran (V2 m2)");
    assertThat(now.inferred()).singleElement().asString().contains("they are expand");
    assertThat(now.restoreFrom()).as("if its checks fail").isEqualTo("snapshot swap");
    assertThat(new ReportBuilder(model.journal).build(runId).rollbackNow())
        .as("rebuilt from the journal")
        .isEqualTo(now);
  }

  @Test
  void drive_successfulContractUpgrade_reportSaysARestoreFromTheSnapshotWouldApplyNow() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, CONTRACT);
    ModelDeployment model = installed(releases);
    RunDriver driver = model.driver(WITH_STORE);
    String runId = start(model, driver, releases, true);

    RollbackNow now = driver.drive(runId, releases).rollbackNow();

    assertThat(now.strategy()).isEqualTo("restore_backup");
    assertThat(now.restores()).isTrue();
    assertThat(now.description())
        .isEqualTo("stop the services, swap the database snapshot back in, redeploy 1.0.0");
    assertThat(now.restoreFrom()).isEqualTo("snapshot swap");
    assertThat(now.backupId()).isEqualTo("backup-1");
    assertThat(now.dataLossSince()).isEqualTo(ModelDeployment.SNAPSHOT_TAKEN_AT);
    assertThat(now.proven()).singleElement().asString().contains("migration V2 m2 ran");
    assertThat(new ReportBuilder(model.journal).build(runId).rollbackNow()).isEqualTo(now);
  }

  @Test
  void drive_successfulContractUpgradeWithoutSnapshots_reportSaysARestoreFromTheBackup() {
    RunReleases releases = releases(MigrationRunnerKind.COMMAND, CONTRACT);
    ModelDeployment model = installed(releases);
    RunDriver driver = model.driver(WITH_STORE);
    String runId = start(model, driver, releases, false);

    RollbackNow now = driver.drive(runId, releases).rollbackNow();

    assertThat(now.strategy()).isEqualTo("restore_backup");
    assertThat(now.restoreFrom()).isEqualTo("backup backup-1");
    assertThat(now.description())
        .isEqualTo("stop the services, restore backup backup-1, redeploy 1.0.0");
    assertThat(now.dataLossSince()).isEqualTo(java.time.Instant.parse("2026-12-05T00:00:00Z"));
  }

  @Test
  void drive_failedOrFirstInstall_reportSaysNoRollbackNow() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, CONTRACT);
    ModelDeployment failing = installed(releases).failAt("forward:validate");
    RunDriver driver = failing.driver(WITH_STORE);
    RunReport rolledBack = driver.drive(start(failing, driver, releases, true), releases);

    ModelDeployment empty = new ModelDeployment(RunDriverTest::realUpgrade);
    RunReleases install = new RunReleases(null, releases.previous());
    RunDriver installer = empty.driver(WITH_STORE);
    RunReport installed = installer.drive(start(empty, installer, install, false), install);

    assertThat(rolledBack.exitCode()).isEqualTo(3);
    assertThat(rolledBack.rollbackNow()).isNull();
    assertThat(installed.exitCode()).as(installed.summary()).isZero();
    assertThat(installed.rollbackNow()).as("nothing to roll back to").isNull();
  }

  @Test
  void drive_expandRollbackWhoseChecksFail_restoresTheBackupInstead() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model =
        installed(releases).failAt("forward:validate").failAt("rollback:validate");
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String runId = start(model, driver, releases, true);

    RunReport report = driver.drive(runId, releases);

    assertThat(model.ran)
        .containsSubsequence("rollback:validate", "rollback:restore-backup", "rollback:validate");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(ModelDeployment.strategyOf(model.journal, runId))
        .isEqualTo(RollbackStrategy.RESTORE_BACKUP);
    assertThat(model.applied).containsExactly("1");
  }

  @Test
  void drive_restoreThatFailsToo_endsAsRollbackFailedWithTheBriefing() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model =
        installed(releases)
            .failAt("forward:validate")
            .failAt("rollback:validate")
            .failAt("rollback:validate");
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String runId = start(model, driver, releases, true);

    RunReport report = driver.drive(runId, releases);

    assertThat(model.ran)
        .containsSubsequence("rollback:validate", "rollback:restore-backup", "rollback:validate");
    assertThat(report.exitCode()).isEqualTo(4);
    assertThat(report.status()).isEqualTo("rollback_failed");
    assertThat(report.summary()).isEqualTo("briefing: validate failed");
    assertThat(model.journal.checklists(runId))
        .extracting(checklist -> checklist.phase())
        .containsExactly(Phase.FORWARD, Phase.ROLLBACK, Phase.ROLLBACK);
  }

  @Test
  void drive_firstInstallFailing_stopsTheServicesAndForgetsTheRelease() {
    RunReleases releases =
        new RunReleases(null, releases(MigrationRunnerKind.LOCKSTEP, EXPAND).previous());
    ModelDeployment model =
        new ModelDeployment(RunDriverTest::realUpgrade).failAt("forward:validate");
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String runId = start(model, driver, releases, true);

    RunReport report = driver.drive(runId, releases);

    assertThat(ModelDeployment.strategyOf(model.journal, runId))
        .isEqualTo(RollbackStrategy.STOP_SERVICES);
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(model.journal.installed()).isEmpty();
  }

  @Test
  void drive_resumedAfterACrashInMigrate_withSnapshotsTurnedOff_replaysTheRecordedChecklist() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, CONTRACT);
    ModelDeployment model = installed(releases);
    RunDriver first = model.driver(SNAPSHOTS_ON);
    String runId = start(model, first, releases, true);
    for (String done : List.of("backup", "verify-backup", "stop-services", "snapshot-databases")) {
      int seq = model.journal.stepStarted(runId, done, Phase.FORWARD);
      model.journal.stepFinished(runId, seq, StepStatus.SUCCEEDED, "before the crash");
    }
    model.journal.stepStarted(runId, "migrate", Phase.FORWARD); // killed here

    RunReport report = model.driver(shape(false)).drive(runId, releases);

    assertThat(model.ran)
        .containsExactly(
            "forward:migrate", "forward:install", "forward:start-services", "forward:validate");
    assertThat(model.applied).contains("2");
    assertThat(report.exitCode()).isZero();
  }

  @Test
  void drive_journalThatDoesNotFollowTheChecklist_refusesBeforeRunningAnything() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String runId = start(model, driver, releases, true);
    model.journal.stepFinished(
        runId, model.journal.stepStarted(runId, "backup", Phase.FORWARD), StepStatus.SUCCEEDED, "");
    model.journal.stepStarted(runId, "migrate", Phase.FORWARD); // not what follows 'backup'

    assertThatThrownBy(() -> driver.drive(runId, releases))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining(
            "step 2 is 'migrate' in the journal, where the checklist has" + " 'verify-backup'")
        .extracting(e -> ((LockstepException) e).errorCode())
        .isEqualTo(ErrorCode.CHECKLIST_MISMATCH);
    assertThat(model.ran).isEmpty();
  }

  @Test
  void drive_manifestRunnerChangedSinceTheStart_refusesToGoForward() {
    RunReleases started = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(started);
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String runId = start(model, driver, started, true);
    RunReleases changed =
        new RunReleases(started.previous(), releases(MigrationRunnerKind.STARTUP, EXPAND).next());

    assertThatThrownBy(() -> driver.drive(runId, changed))
        .hasMessageContaining("migrating by 'lockstep', but its manifest now says 'startup'");
  }

  @Test
  void finish_rollbackRun_recordsTheUpgradeThatInstalledThePreviousRelease() {
    RunReleases releases = releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);
    RunDriver driver = model.driver(SNAPSHOTS_ON);
    String upgrade = start(model, driver, releases, true);
    assertThat(driver.drive(upgrade, releases).exitCode()).isZero();
    assertThat(model.journal.installed().orElseThrow().runId()).isEqualTo(upgrade);

    String rollback =
        model.journal.inTransaction(
            () -> {
              String id = model.journal.startRun(RunKind.ROLLBACK, "test", "1.1.0", "1.0.0").id();
              driver.beginRollback(
                  id,
                  new RollbackDecider.Decision(RollbackStrategy.REVERT_SERVICES, "asked"),
                  "the operator asked",
                  releases);
              return id;
            });
    RunReport report = driver.drive(rollback, releases);

    assertThat(report.exitCode()).isZero();
    assertThat(model.journal.installed().orElseThrow().version()).isEqualTo("1.0.0");
    assertThat(model.journal.installed().orElseThrow().runId()).isEqualTo(model.firstInstall);
  }

  /** The rollback the plan shows for a failure during {@code step}. */
  private static RollbackStrategy plannedRollback(RunReleases releases, String step) {
    GateContext context =
        new GateContext(
            DeploymentConfig.builder().environment("test").build(),
            null,
            releases.previousVersion(),
            releases.previous(),
            releases.next(),
            new DatabaseProbe(null, "15", 0, List.of("1")),
            UpgradeOptions.defaults());
    Plan plan = new Planner().plan(context, realUpgrade(releases, true), List.of());
    return plan.steps().stream()
        .filter(planned -> planned.name().equals(step))
        .findFirst()
        .orElseThrow()
        .rollbackAfter();
  }

  /** The rollback the facts call for after a failure at {@code step}. */
  private static RollbackStrategy expectedStrategy(
      RunReleases releases, String failingStep, MigrationClass type) {
    boolean stopped = false;
    boolean migrated = false;
    for (var step : realUpgrade(releases, true)) {
      stopped |= step.stopsServices();
      migrated |= step.appliesMigrations();
      if (step.name().equals(failingStep)) {
        break;
      }
    }
    if (migrated) {
      return type == EXPAND
          ? RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA
          : RollbackStrategy.RESTORE_BACKUP;
    }
    return stopped ? RollbackStrategy.REVERT_SERVICES : RollbackStrategy.NOTHING_TO_UNDO;
  }

  private static ModelDeployment installed(RunReleases releases) {
    ModelDeployment model = new ModelDeployment(RunDriverTest::realUpgrade);
    model.running = releases.previousVersion();
    releases.previous().migrations().forEach(m -> model.applied.add(m.version()));
    // As a first install would have left it.
    model.firstInstall =
        model.journal.inTransaction(
            () -> {
              String id =
                  model
                      .journal
                      .startRun(RunKind.UPGRADE, "test", null, releases.previousVersion())
                      .id();
              model.journal.finishRun(id, RunStatus.SUCCEEDED, "installed");
              model.journal.setInstalled(releases.previousVersion(), id);
              return id;
            });
    return model;
  }

  private static String start(
      ModelDeployment model, RunDriver driver, RunReleases releases, boolean snapshot) {
    return driver.startUpgrade(
        "test",
        releases,
        ChecklistInputs.upgrade(releases, snapshot, null, shape(snapshot)),
        Map.of());
  }

  static List<dev.lockstep.engine.steps.Step> realUpgrade(
      RunReleases releases, ChecklistInputs inputs) {
    return realUpgrade(releases, inputs.snapshot());
  }

  private static List<dev.lockstep.engine.steps.Step> realUpgrade(
      RunReleases releases, boolean snapshot) {
    return Checklists.upgrade(NO_TOOLS, releases.previous(), releases.next(), null, snapshot);
  }

  private static List<String> names(List<dev.lockstep.engine.steps.Step> steps) {
    return steps.stream().map(dev.lockstep.engine.steps.Step::name).toList();
  }

  static RunReleases releases(MigrationRunnerKind runner, MigrationClass type) {
    ReleaseManifest previous = ModelDeployment.release("1.0.0", runner, Map.of("1", EXPAND));
    ReleaseManifest next =
        ModelDeployment.release(
            "1.1.0", runner, new java.util.LinkedHashMap<>(Map.of("1", EXPAND, "2", type)));
    return new RunReleases(previous, next);
  }

  static ConfigShape shape(boolean snapshot) {
    return new ConfigShape(Map.of("backup.snapshot", String.valueOf(snapshot)));
  }
}
