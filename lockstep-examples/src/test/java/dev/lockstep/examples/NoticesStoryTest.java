package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Notices of real upgrades of the sample product (real PostgreSQL, real processes), received by a
 * real HTTP server the test starts: a generic JSON receiver and a Slack-compatible one.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class NoticesStoryTest {
  private static final Duration DELIVERY = Duration.ofSeconds(20);

  SampleRun run;
  WebhookReceiver json;
  WebhookReceiver slack;

  @BeforeEach
  void deploy() {
    run = new SampleRun();
    json = new WebhookReceiver();
    slack = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    try {
      run.close();
    } finally {
      json.close();
      slack.close();
    }
  }

  @Test
  void upgrade_withNotices_receiversHearDowntimeStartThenUpgradeDone() throws Exception {
    upgrade("1.0.0");
    withNotices();

    RunReport report = upgrade("1.1.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("succeeded");
    List<String> bodies = json.awaitBodies(2, DELIVERY);
    assertThat(events(bodies)).containsExactly("downtime-started", "upgrade-done");
    JsonNode done = Json.read(bodies.get(1), JsonNode.class);
    assertThat(done.path("environment").asText()).isEqualTo("demo");
    assertThat(done.path("from").asText()).isEqualTo("1.0.0");
    assertThat(done.path("to").asText()).isEqualTo("1.1.0");
    assertThat(done.path("runId").asText()).isEqualTo(report.runId());
    assertThat(texts(slack.awaitBodies(2, DELIVERY)))
        .containsExactly(
            "[demo] Downtime starts: the services of demo are stopping for the upgrade 1.0.0 →"
                + " 1.1.0.",
            "[demo] Upgraded 1.0.0 → 1.1.0.");
    assertNothingSecret();
  }

  @Test
  void upgrade_failingAndRolledBack_receiversHearDowntimeStartThenRolledBack() throws Exception {
    upgrade("1.1.0");
    run.sample.notes().write("untagged", "breaks 2.0.0", null);
    withNotices();

    RunReport report = upgrade("2.0.0");

    assertThat(report.status()).as(report.toString()).isEqualTo("rolled_back");
    List<String> bodies = json.awaitBodies(2, DELIVERY);
    assertThat(events(bodies)).containsExactly("downtime-started", "rolled-back");
    assertThat(Json.read(bodies.get(1), JsonNode.class).path("message").asText())
        .startsWith("The upgrade to 2.0.0 failed and was rolled back")
        .contains("notes list loads");
    assertThat(texts(slack.awaitBodies(2, DELIVERY)))
        .last()
        .asString()
        .startsWith("[demo] The upgrade to 2.0.0 failed and was rolled back");
    assertNothingSecret();
  }

  /** Reopens Lockstep with two receivers: every event as JSON, and a chat's Slack format. */
  private void withNotices() {
    String notices =
        "notices:\n"
            + "  - name: ops-json\n"
            + "    url: '"
            + json.url("/hooks/json-t0ken")
            + "'\n"
            + "  - name: ops-chat\n"
            + "    url: '"
            + slack.url("/services/T0/B0/chat-t0ken")
            + "'\n"
            + "    format: slack\n"
            + "    timeout: 2s\n"
            + "    retries: 1\n";
    run.reconfigure(
        config -> config.replace("\nbackup:", "\n" + notices + "\nbackup:"), RunListener.NONE);
  }

  private void assertNothingSecret() {
    String password = run.sample.password().reveal();
    assertThat(json.bodies()).isNotEmpty().noneMatch(body -> body.contains(password));
    assertThat(slack.bodies()).isNotEmpty().noneMatch(body -> body.contains(password));
    assertThat(json.bodies()).noneMatch(body -> body.contains("t0ken"));
    assertThat(slack.bodies()).noneMatch(body -> body.contains("t0ken"));
  }

  private static List<String> events(List<String> bodies) {
    return bodies.stream()
        .map(body -> Json.read(body, JsonNode.class).path("event").asText())
        .toList();
  }

  private static List<String> texts(List<String> bodies) {
    return bodies.stream()
        .map(body -> Json.read(body, JsonNode.class).path("text").asText())
        .toList();
  }

  private RunReport upgrade(String version) {
    return run.deployment.upgrade(Version.parse(version));
  }
}
