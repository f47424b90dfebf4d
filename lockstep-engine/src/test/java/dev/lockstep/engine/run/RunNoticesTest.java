package dev.lockstep.engine.run;

import static dev.lockstep.core.manifest.MigrationClass.CONTRACT;
import static dev.lockstep.core.manifest.MigrationClass.EXPAND;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.NoticeConfig;
import dev.lockstep.core.config.NoticeConfig.NoticeFormat;
import dev.lockstep.core.config.NoticeEvent;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.notices.NoticeAftermath;
import dev.lockstep.engine.notices.NoticeListener;
import dev.lockstep.engine.notices.NoticeReceiver;
import dev.lockstep.engine.notices.NoticeSender;
import dev.lockstep.engine.notices.RunNotices;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notices a run sends, from the run driver on a model deployment (a real journal) to a real
 * HTTP server on a loopback port: downtime first, then how the run ended, nothing secret.
 */
class RunNoticesTest {
  private static final Secret PASSWORD = Secret.of("Pa55-w0rd-of-the-db");

  private final NoticeReceiver receiver = new NoticeReceiver();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final NoticeSender sender =
      new NoticeSender(
          List.of(
              new NoticeConfig(
                  "ops",
                  Secret.of(receiver.url("/hooks/t0ken")),
                  NoticeFormat.JSON,
                  EnumSet.allOf(NoticeEvent.class),
                  Duration.ofSeconds(5),
                  2)),
          SecretRegistry.of(Set.of(PASSWORD)),
          warnings::add,
          Duration.ofMillis(20));

  @AfterEach
  void stopReceiver() {
    sender.close();
    receiver.close();
  }

  @Test
  void drive_successfulUpgrade_noticesDowntimeThenUpgradeDone() {
    RunReleases releases = RunDriverTest.releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);

    RunReport report = upgrade(model, releases);

    assertThat(report.exitCode()).isZero();
    assertThat(received()).containsExactly("downtime-started", "upgrade-done");
    JsonNode done = Json.read(receiver.bodies().get(1), JsonNode.class);
    assertThat(done.path("runId").asText()).isEqualTo(report.runId());
    assertThat(done.path("environment").asText()).isEqualTo("test");
    assertThat(done.path("from").asText()).isEqualTo("1.0.0");
    assertThat(done.path("to").asText()).isEqualTo("1.1.0");
    assertThat(done.path("message").asText()).isEqualTo("Upgraded 1.0.0 → 1.1.0.");
    assertThat(Json.read(receiver.bodies().get(0), JsonNode.class).path("message").asText())
        .isEqualTo(
            "Downtime starts: the services of test are stopping for the upgrade 1.0.0 → 1.1.0.");
    assertThat(warnings).isEmpty();
  }

  @Test
  void drive_failingValidation_noticesDowntimeThenRolledBack() {
    RunReleases releases = RunDriverTest.releases(MigrationRunnerKind.LOCKSTEP, CONTRACT);
    ModelDeployment model = installed(releases).failAt("forward:validate");

    RunReport report = upgrade(model, releases);

    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(received()).containsExactly("downtime-started", "rolled-back");
    assertThat(Json.read(receiver.bodies().get(1), JsonNode.class).path("message").asText())
        .startsWith("The upgrade to 1.1.0 failed and was rolled back")
        .doesNotContain("\n");
  }

  @Test
  void drive_rollbackThatFails_noticesThatAnOperatorIsNeeded_withoutTheSecret() {
    RunReleases releases = RunDriverTest.releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model =
        installed(releases)
            .failAt("forward:validate")
            .failAt("rollback:validate")
            .failAt("rollback:validate");

    RunReport report = upgrade(model, releases);

    assertThat(report.exitCode()).isEqualTo(4);
    assertThat(received()).containsExactly("downtime-started", "needs-operator");
    String body = receiver.bodies().get(1);
    assertThat(body).doesNotContain(PASSWORD.reveal());
    assertThat(Json.read(body, JsonNode.class).path("message").asText())
        .isEqualTo(
            "The rollback failed at 'validate': cannot sign in with ******. An operator is"
                + " needed: `lockstep status` shows where everything stands; fix the cause, then"
                + " `lockstep resume` retries the rollback.");
  }

  @Test
  void drive_manualRollback_noticesRolledBackWithoutADowntimeNotice() {
    RunReleases releases = RunDriverTest.releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);
    RunReport upgrade = upgrade(model, releases);
    RunDriver driver = driver(model);

    // As `lockstep rollback` starts one: a run of its own, from the release it undoes.
    String runId =
        model.journal.inTransaction(
            () -> {
              String id = model.journal.startRun(RunKind.ROLLBACK, "test", "1.1.0", "1.0.0").id();
              driver.beginRollback(
                  id,
                  new RollbackDecider.Decision(
                      RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA, "only expand migrations ran"),
                  "the operator asked to roll back " + upgrade.runId(),
                  releases);
              return id;
            });
    RunReport rollback = driver.drive(runId, releases);

    assertThat(rollback.exitCode()).as(rollback.summary()).isZero();
    assertThat(received()).containsExactly("downtime-started", "upgrade-done", "rolled-back");
    JsonNode rolledBack = Json.read(receiver.bodies().get(2), JsonNode.class);
    assertThat(rolledBack.path("runId").asText()).isEqualTo(runId);
    assertThat(rolledBack.path("message").asText()).startsWith("Rolled back from 1.1.0 to 1.0.0");
  }

  @Test
  void drive_resumedRunWhoseServicesWereAlreadyStopped_doesNotNoticeTheDowntimeAgain() {
    RunReleases releases = RunDriverTest.releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases);
    RunDriver driver = driver(model);
    String runId =
        driver.startUpgrade(
            "test",
            releases,
            ChecklistInputs.upgrade(releases, true, null, RunDriverTest.shape(true)),
            Map.of());
    // As a Lockstep killed while it stopped the services left the run: the resume repeats the stop.
    model.journal.recordFact(runId, RunFacts.SERVICES_STOPPED_AT, "2026-12-06T10:00:00Z");

    RunReport report = driver.drive(runId, releases);

    assertThat(report.exitCode()).isZero();
    assertThat(received()).containsExactly("upgrade-done");
  }

  @Test
  void drive_upgradeStoppedBeforeAnythingChanged_sendsNoNotice() {
    RunReleases releases = RunDriverTest.releases(MigrationRunnerKind.LOCKSTEP, EXPAND);
    ModelDeployment model = installed(releases).failAt("forward:backup");

    RunReport report = upgrade(model, releases);

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(received()).isEmpty();
  }

  /** Runs an upgrade to its end, or to the end of its rollback. */
  private RunReport upgrade(ModelDeployment model, RunReleases releases) {
    RunDriver driver = driver(model);
    String runId =
        driver.startUpgrade(
            "test",
            releases,
            ChecklistInputs.upgrade(releases, true, null, RunDriverTest.shape(true)),
            Map.of());
    return driver.drive(runId, releases);
  }

  /** The driver as Deployment builds it: notices around the listener and the aftermath. */
  private RunDriver driver(ModelDeployment model) {
    RunNotices notices = new RunNotices(model.journal, sender, Clock.systemUTC());
    return new RunDriver(
        new RunContext(
            model.journal,
            RunDriverTest.shape(true),
            model,
            model,
            new NoticeAftermath(RunAftermath.NONE, notices, RunListener.NONE),
            (facts, strategy, releasesOf, step, error) ->
                "The rollback failed at '"
                    + step.name()
                    + "': cannot sign in with "
                    + PASSWORD.reveal()
                    + "\nServices now: api stopped.",
            new NoticeListener(RunListener.NONE, notices),
            Clock.systemUTC(),
            CrashPoints.none()));
  }

  /** The events received, once the notices are delivered as Lockstep waits for them at exit. */
  private List<String> received() {
    sender.close();
    return receiver.events();
  }

  private static ModelDeployment installed(RunReleases releases) {
    ModelDeployment model = new ModelDeployment(RunDriverTest::realUpgrade);
    model.running = releases.previousVersion();
    releases.previous().migrations().forEach(m -> model.applied.add(m.version()));
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
}
