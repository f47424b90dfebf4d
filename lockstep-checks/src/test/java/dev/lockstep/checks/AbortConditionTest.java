package dev.lockstep.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.checks.TestServer.Reply;
import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.report.CheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Checks stop trying as soon as their abort condition gives a reason. */
class AbortConditionTest {

  @Test
  void run_abortWhileRetrying_failsWithTheReasonAndTheLastAttempt() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(503, "{\"status\":\"starting\"}"))) {
      AtomicReference<String> gone = new AtomicReference<>();
      CheckListener killAfterTwo =
          new CheckListener() {
            @Override
            public void attemptFailed(CheckConfig check, int attempt, int max, String message) {
              if (attempt == 2) {
                gone.set("api@local is not running any more");
              }
            }
          };
      // A minute of deadline and a thousand retries: only the abort can end it early.
      CheckConfig patient =
          new CheckConfig(
              "health",
              HttpCheckTest.get(server.url("/.status"), 200),
              null,
              Duration.ofMinutes(1),
              1000,
              Duration.ofSeconds(1));

      CheckResult result =
          new CheckRunner(killAfterTwo).run(patient, () -> Optional.ofNullable(gone.get()));

      assertThat(result.passed()).isFalse();
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.message())
          .startsWith("stopped trying: api@local is not running any more; last attempt: GET ")
          .contains("→ 503, expected 200");
      assertThat(server.seen()).hasSize(2);
    }
  }

  @Test
  void runAll_abortBeforeTheFirstAttempt_triesNothing() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(200, "{}"))) {
      CheckConfig check =
          new CheckConfig(
              "health",
              HttpCheckTest.get(server.url("/"), 200),
              null,
              Duration.ofSeconds(5),
              3,
              Duration.ofMillis(10));

      List<CheckResult> results =
          new CheckRunner()
              .runAll(List.of(check, check), () -> Optional.of("worker@local has exited"));

      assertThat(results)
          .extracting(CheckResult::message)
          .containsOnly("stopped trying: worker@local has exited (not tried)");
      assertThat(results).extracting(CheckResult::attempts).containsOnly(0);
      assertThat(server.seen()).isEmpty();
    }
  }

  @Test
  void run_conditionThatNeverFires_changesNothing() throws Exception {
    try (TestServer server =
        new TestServer(n -> n < 3 ? Reply.json(503, "") : Reply.json(200, "{}"))) {
      AtomicInteger asked = new AtomicInteger();
      CheckConfig check =
          new CheckConfig(
              "health",
              HttpCheckTest.get(server.url("/"), 200),
              null,
              Duration.ofSeconds(5),
              3,
              Duration.ofMillis(250));

      CheckResult result =
          new CheckRunner()
              .run(
                  check,
                  () -> {
                    asked.incrementAndGet();
                    return Optional.empty();
                  });

      assertThat(result.passed()).isTrue();
      assertThat(result.attempts()).isEqualTo(3);
      // Asked before the first attempt and several times in each 250 ms wait.
      assertThat(asked.get()).isGreaterThan(3);
    }
  }
}
