package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.SignalVerdict;
import dev.lockstep.engine.watch.WatchListener;
import dev.lockstep.engine.watch.WatchOutcome;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The watch after an upgrade of the sample product (real PostgreSQL, real processes, real HTTP): a
 * release whose api leaks memory, caught by a trend on its own metrics page, reverted by the watch
 * while the rollback is a revert, and only alerted on once a contract migration ran. A release that
 * holds its memory passing its watch, and a watch killed with SIGKILL going on with its samples,
 * are shown through the jar ({@code WatchJarIT} in lockstep-cli).
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class WatchStoryTest {
  /** Samples every 250 ms: the judge's 20 baseline and 40 watched samples take seconds. */
  private static final String WATCH =
      """
      watch:
        interval: 250ms
        baseline: 6s
        duration: %s
        autoRevert: 5m
        signals:
          - name: memory
            kind: trend
            metrics:
              url: http://127.0.0.1:${NOTES_API_PORT}/metrics
              metric: %s
      """;

  private static final Duration DELIVERY = Duration.ofSeconds(20);

  SampleRun run;
  WebhookReceiver receiver;

  @BeforeEach
  void deploy() {
    run = new SampleRun();
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    try {
      run.close();
    } finally {
      receiver.close();
    }
  }

  @Test
  void aLeakingRelease_whileTheRollbackIsARevert_theWatchRevertsItByItself() throws IOException {
    WatchReleases.copy(releases(), "1.0.0", "1.0.1");
    meter("1.0.0", false);
    meter("1.0.1", true);
    watched("60s");
    install("1.0.0");

    RunReport upgrade = install("1.0.1");
    WatchOutcome outcome = run.deployment.watch(upgrade.runId(), WatchListener.NONE);

    assertThat(outcome.status()).as(outcome.summary()).isEqualTo(WatchStatus.REVERTED);
    assertThat(outcome.summary()).startsWith("Reverted to 1.0.0: memory grew by");
    StatusReport status = run.deployment.status();
    assertThat(status.installed()).isEqualTo("1.0.0");
    assertThat(status.services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("1.0.0"));
    assertThat(run.sample.notes().list()).isEmpty(); // 1.0.0's api answers
    WatchReport report = run.deployment.watchReport(upgrade.runId()).orElseThrow();
    assertThat(report.status()).isEqualTo(WatchStatus.REVERTED);
    SignalTrace memory = report.signals().get(0);
    assertThat(memory.baseline()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(memory.watched()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(memory.judgement().verdict()).isEqualTo(SignalVerdict.FAIL);
    assertThat(report.events())
        .extracting(WatchEvent::what)
        .anyMatch(what -> what.startsWith("Reverting to 1.0.0 by itself: memory grew by"))
        .anyMatch(what -> what.startsWith("Reverted to 1.0.0 by run "));
    assertThat(report.pointOfNoReturn()).isEmpty();
  }

  @Test
  void aLeakingRelease_afterAContractMigration_theWatchAlertsAndNeverRestores() throws Exception {
    meter("1.0.0", false);
    meter("2.0.0", true);
    watched("60s");
    install("1.0.0");

    RunReport upgrade = install("2.0.0");
    assertThat(upgrade.rollbackNow().strategy()).isEqualTo("restore_backup");
    long written = run.sample.notes().write("after", "written by 2.0.0", "kept");
    WatchOutcome outcome = run.deployment.watch(upgrade.runId(), WatchListener.NONE);

    assertThat(outcome.status()).as(outcome.summary()).isEqualTo(WatchStatus.FAILED);
    assertThat(outcome.summary()).startsWith("Failed: memory grew by");
    String rollback = "`lockstep rollback --config " + run.configFile() + "`";
    JsonNode alert = needsOperator(receiver.awaitBodies(1, DELIVERY));
    assertThat(alert.path("runId").asText()).isEqualTo(upgrade.runId());
    assertThat(alert.path("message").asText())
        .startsWith("Needs an operator: memory grew by")
        .contains("A rollback now means a restore, which Lockstep never starts by itself: ")
        .contains(rollback + " would ")
        .contains("losing every write since ");
    String password = run.sample.password().reveal();
    assertThat(receiver.bodies())
        .noneMatch(body -> body.contains(password) || body.contains("t0ken"));
    StatusReport status = run.deployment.status();
    assertThat(status.installed()).isEqualTo("2.0.0");
    assertThat(status.services())
        .allSatisfy(s -> assertThat(s.nodes().get(0).version()).isEqualTo("2.0.0"));
    assertThat(run.sample.notes().list()).extracting(NotesClient.Note::id).containsExactly(written);
    assertThat(status.watch().status()).isEqualTo(WatchStatus.FAILED);
    assertThat(status.watch().events())
        .extracting(WatchEvent::what)
        .first()
        .asString()
        .startsWith("Point of no return: a rollback now means a restore");
    assertThat(status.watch().events())
        .extracting(WatchEvent::what)
        .last()
        .isEqualTo(alert.path("message").asText());
    assertThat(run.deployment.watchReport(upgrade.runId()).orElseThrow().pointOfNoReturn())
        .isPresent();
  }

  private static JsonNode needsOperator(List<String> bodies) {
    return bodies.stream()
        .map(body -> Json.read(body, JsonNode.class))
        .filter(body -> body.path("event").asText().equals("needs-operator"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no needs-operator notice among " + bodies));
  }

  private Path releases() {
    return run.sample.folder().resolve("releases");
  }

  private void meter(String version, boolean leaks) throws IOException {
    WatchReleases.meter(releases(), version, leaks);
    TestSamples.compileReleases(run.sample);
  }

  /**
   * Reopens Lockstep with the watch (for {@code duration}) and a receiver of the notices that need
   * an operator.
   */
  private void watched(String duration) {
    String notices =
        "notices:\n  - name: ops\n    url: '"
            + receiver.url("/hooks/t0ken")
            + "'\n    events: [needs-operator]\n";
    String watch = WATCH.formatted(duration, WatchReleases.METRIC);
    run.reconfigure(
        config -> config.replace("\nbackup:", "\n" + watch + notices + "\nbackup:"),
        RunListener.NONE);
  }

  private RunReport install(String version) {
    RunReport report = run.deployment.upgrade(Version.parse(version));
    assertThat(report.status()).as(report.toString()).isEqualTo("succeeded");
    return report;
  }
}
