package dev.lockstep.engine.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.NoticeConfig;
import dev.lockstep.core.config.NoticeConfig.NoticeFormat;
import dev.lockstep.core.config.NoticeEvent;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.secrets.SecretRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notices POSTed to a real HTTP server on a loopback port. */
class NoticeSenderTest {
  private static final String TOKEN_PATH = "/hooks/T0/B0/s3cr3t-t0ken";
  private static final Secret PASSWORD = Secret.of("db-Pa55word!");
  private static final Duration BACKOFF = Duration.ofMillis(20);

  private final NoticeReceiver receiver = new NoticeReceiver();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void send_jsonFormat_postsAFlatObjectOfEveryField() throws Exception {
    try (NoticeSender sender = sender(receiver(NoticeFormat.JSON, Duration.ofSeconds(5), 0))) {
      sender.send(notice(NoticeEvent.UPGRADE_DONE, "Upgraded 1.0.0 → 1.1.0."));
    }

    JsonNode body = Json.read(receiver.bodies().get(0), JsonNode.class);
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("event", "environment", "from", "to", "runId", "message", "time");
    assertThat(body.path("event").asText()).isEqualTo("upgrade-done");
    assertThat(body.path("environment").asText()).isEqualTo("production");
    assertThat(body.path("from").asText()).isEqualTo("1.0.0");
    assertThat(body.path("to").asText()).isEqualTo("1.1.0");
    assertThat(body.path("runId").asText()).isEqualTo("run-1");
    assertThat(body.path("message").asText()).isEqualTo("Upgraded 1.0.0 → 1.1.0.");
    assertThat(body.path("time").asText()).isEqualTo("2026-12-06T10:00:00Z");
    assertThat(warnings).isEmpty();
  }

  @Test
  void send_slackFormat_postsOnlyTheTextAChatShows() throws Exception {
    try (NoticeSender sender = sender(receiver(NoticeFormat.SLACK, Duration.ofSeconds(5), 0))) {
      sender.send(notice(NoticeEvent.DOWNTIME_STARTED, "Downtime starts."));
    }

    JsonNode body = Json.read(receiver.bodies().get(0), JsonNode.class);
    assertThat(body.fieldNames()).toIterable().containsExactly("text");
    assertThat(body.path("text").asText()).isEqualTo("[production] Downtime starts.");
  }

  @Test
  void send_messageWithTheDatabasePassword_masksIt() throws Exception {
    try (NoticeSender sender = sender(receiver(NoticeFormat.JSON, Duration.ofSeconds(5), 0))) {
      sender.send(
          notice(NoticeEvent.ROLLED_BACK, "validate failed: password " + PASSWORD.reveal()));
    }

    assertThat(receiver.bodies().get(0))
        .doesNotContain(PASSWORD.reveal())
        .contains("validate failed: password ******");
  }

  @Test
  void send_receiverFailingTwice_isDeliveredOnTheThirdAttempt() throws Exception {
    receiver.answering(500, 500);

    try (NoticeSender sender = sender(receiver(NoticeFormat.JSON, Duration.ofSeconds(5), 2))) {
      sender.send(notice(NoticeEvent.UPGRADE_DONE, "Upgraded."));
    }

    assertThat(receiver.bodies()).hasSize(3).allMatch(body -> body.contains("upgrade-done"));
    assertThat(warnings).isEmpty();
  }

  @Test
  void send_receiverFailingEveryAttempt_warnsWithoutTheUrlsSecretPath() throws Exception {
    receiver.answering(500, 500, 500);

    try (NoticeSender sender = sender(receiver(NoticeFormat.JSON, Duration.ofSeconds(5), 1))) {
      sender.send(notice(NoticeEvent.NEEDS_OPERATOR, "The rollback failed."));
    }

    assertThat(receiver.bodies()).hasSize(2);
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("Notice 'needs-operator' to ops (http://127.0.0.1/…) not delivered")
        .contains("HTTP 500 (2 attempts); the run goes on")
        .doesNotContain("s3cr3t-t0ken");
  }

  @Test
  void send_receiverThatNeverAnswers_returnsAtOnceAndCloseWaitsOnlyItsBound() throws Exception {
    receiver.slow(Duration.ofSeconds(30));
    NoticeConfig hanging = receiver(NoticeFormat.JSON, Duration.ofMillis(300), 1);
    NoticeSender sender = sender(hanging);

    Instant start = Instant.now();
    sender.send(notice(NoticeEvent.DOWNTIME_STARTED, "Downtime starts."));
    sender.send(notice(NoticeEvent.UPGRADE_DONE, "Upgraded."));
    Duration sending = Duration.between(start, Instant.now());
    sender.close();
    Duration closing = Duration.between(start, Instant.now());

    assertThat(sending).isLessThan(Duration.ofMillis(500));
    // Two attempts of 300 ms and one backoff: the bound, whatever is still queued.
    assertThat(closing).isLessThan(Duration.ofSeconds(3));
    assertThat(warnings).isNotEmpty().noneMatch(warning -> warning.contains("s3cr3t-t0ken"));
    assertThat(String.join("\n", warnings)).contains("not delivered");
  }

  @Test
  void send_onlyToTheReceiversThatHearTheEvent() throws Exception {
    NoticeConfig onlyOperator =
        new NoticeConfig(
            "pager",
            Secret.of(receiver.url(TOKEN_PATH)),
            NoticeFormat.JSON,
            EnumSet.of(NoticeEvent.NEEDS_OPERATOR),
            Duration.ofSeconds(5),
            0);

    try (NoticeSender sender = sender(onlyOperator)) {
      sender.send(notice(NoticeEvent.DOWNTIME_STARTED, "Downtime starts."));
      sender.send(notice(NoticeEvent.NEEDS_OPERATOR, "The rollback failed."));
    }

    assertThat(receiver.events()).containsExactly("needs-operator");
  }

  @Test
  void send_severalNotices_arriveInTheOrderTheyHappened() throws Exception {
    try (NoticeSender sender = sender(receiver(NoticeFormat.JSON, Duration.ofSeconds(5), 0))) {
      sender.send(notice(NoticeEvent.DOWNTIME_STARTED, "Downtime starts."));
      sender.send(notice(NoticeEvent.ROLLED_BACK, "Rolled back."));
      sender.send(notice(NoticeEvent.NEEDS_OPERATOR, "An operator is needed."));
    }

    assertThat(receiver.events())
        .containsExactly("downtime-started", "rolled-back", "needs-operator");
  }

  @Test
  void close_withoutNoticesConfigured_returnsAtOnce() {
    NoticeSender.none().close();
  }

  private NoticeConfig receiver(NoticeFormat format, Duration timeout, int retries) {
    return new NoticeConfig(
        "ops",
        Secret.of(receiver.url(TOKEN_PATH)),
        format,
        EnumSet.allOf(NoticeEvent.class),
        timeout,
        retries);
  }

  private NoticeSender sender(NoticeConfig config) {
    return new NoticeSender(
        List.of(config), SecretRegistry.of(Set.of(PASSWORD, config.url())), warnings::add, BACKOFF);
  }

  private static Notice notice(NoticeEvent event, String message) {
    return new Notice(
        event,
        "production",
        "1.0.0",
        "1.1.0",
        "run-1",
        message,
        Instant.parse("2026-12-06T10:00:00Z"));
  }
}
