package dev.lockstep.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.checks.TestServer.Reply;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.config.HttpCheckConfig;
import dev.lockstep.core.config.JsonAssertion;
import dev.lockstep.core.report.CheckResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpCheckTest {
  private static final String HEALTHY = "{\"status\":\"ok\",\"version\":\"2.3.1\"}";

  @Test
  void run_expectedStatusAndAssertions_passes() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(200, HEALTHY))) {
      CheckResult result =
          new CheckRunner().run(check(get(server.url("/.status"), 200, "$.status == \"ok\"")));

      assertThat(result.passed()).isTrue();
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.message()).isEqualTo("ok");
      assertThat(result.name()).isEqualTo("health");
      assertThat(server.seen().get(0).method()).isEqualTo("GET");
      assertThat(server.seen().get(0).path()).isEqualTo("/.status");
    }
  }

  @Test
  void run_wrongStatus_namesMethodUrlStatusAndExpectation() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(503, "{\"status\":\"starting\"}"))) {
      String url = server.url("/.status");

      CheckResult result = new CheckRunner().run(check(get(url, 200), 0));

      assertThat(result.passed()).isFalse();
      assertThat(result.message())
          .isEqualTo("GET " + url + " → 503, expected 200: {\"status\":\"starting\"}");
    }
  }

  @Test
  void run_failingAssertion_namesPathValueAndExpectation() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(200, "{\"status\":\"degraded\"}"))) {
      String url = server.url("/.status");

      CheckResult result = new CheckRunner().run(check(get(url, 200, "$.status == \"ok\""), 0));

      assertThat(result.message())
          .isEqualTo("GET " + url + " → 200, but $.status is \"degraded\", expected \"ok\"");
    }
  }

  @Test
  void run_retriesUntilTheServerTurnsHealthy() throws Exception {
    try (TestServer server =
        new TestServer(n -> n < 3 ? Reply.json(503, "") : Reply.json(200, HEALTHY))) {
      List<String> heard = new ArrayList<>();
      CheckListener listener =
          new CheckListener() {
            @Override
            public void attemptStarted(CheckConfig check, int attempt, int maxAttempts) {
              heard.add("try " + attempt + "/" + maxAttempts);
            }

            @Override
            public void attemptFailed(CheckConfig check, int attempt, int max, String message) {
              heard.add("failed " + attempt + ": " + message.substring(message.indexOf('→')));
            }

            @Override
            public void finished(CheckResult result) {
              heard.add("finished " + result.passed());
            }
          };
      CheckConfig check =
          new CheckConfig(
              "health",
              get(server.url("/.status"), 200, "$.status == \"ok\""),
              null,
              Duration.ofSeconds(10),
              4,
              Duration.ofMillis(50));

      CheckResult result = new CheckRunner(listener).run(check);

      assertThat(result.passed()).isTrue();
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
      assertThat(heard)
          .containsExactly(
              "try 1/5",
              "failed 1: → 503, expected 200",
              "try 2/5",
              "failed 2: → 503, expected 200",
              "try 3/5",
              "finished true");
    }
  }

  @Test
  void run_retriesExhausted_reportsTheLastFailureAndCount() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(500, ""))) {
      CheckConfig check =
          new CheckConfig(
              "health",
              get(server.url("/"), 200),
              null,
              Duration.ofSeconds(10),
              2,
              Duration.ofMillis(10));

      CheckResult result = new CheckRunner().run(check);

      assertThat(result.passed()).isFalse();
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(server.requests()).isEqualTo(3);
      assertThat(result.message()).endsWith("→ 500, expected 200 (3 attempts)");
    }
  }

  @Test
  void run_slowServer_failsWhenTheDeadlinePasses() throws Exception {
    try (TestServer server = new TestServer(n -> new Reply(200, HEALTHY, 3_000))) {
      String url = server.url("/.status");
      CheckConfig check =
          new CheckConfig(
              "health", get(url, 200), null, Duration.ofMillis(500), 5, Duration.ofMillis(100));

      CheckResult result = new CheckRunner().run(check);

      assertThat(result.passed()).isFalse();
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.duration()).isBetween(Duration.ofMillis(450), Duration.ofMillis(2_500));
      assertThat(result.message())
          .startsWith("GET " + url + ": no response within")
          .endsWith("(1 of 6 attempts; deadline 500ms passed)");
    }
  }

  @Test
  void run_nothingListening_saysConnectionRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/.status";

    CheckResult result = new CheckRunner().run(check(get(url, 200), 0));

    assertThat(result.passed()).isFalse();
    assertThat(result.message()).isEqualTo("GET " + url + ": connection refused");
  }

  @Test
  void run_serviceThatStartsListeningLate_isAnsweredBeforeTheNextInterval() throws Exception {
    int port = freePort();
    String url = "http://127.0.0.1:" + port + "/.status";
    CheckConfig check =
        new CheckConfig(
            "health", get(url, 200), null, Duration.ofSeconds(20), 2, Duration.ofSeconds(10));
    AtomicReference<TestServer> server = new AtomicReference<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
                server.set(new TestServer(port, n -> Reply.json(200, HEALTHY)));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    opener.start();
    try {
      CheckResult result = new CheckRunner().run(check);

      assertThat(result.passed()).isTrue();
      // Refused while nothing listened, then answered: the knocks in between are not attempts,
      // and the answer came long before the second attempt was due (10 s after the first).
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    } finally {
      opener.join();
      server.get().close();
    }
  }

  @Test
  void run_nothingListeningWithRetries_failsWhenItsAttemptsAreUsedNotItsKnocks() throws Exception {
    String url = "http://127.0.0.1:" + freePort() + "/.status";
    CheckConfig check =
        new CheckConfig(
            "health", get(url, 200), null, Duration.ofSeconds(20), 1, Duration.ofMillis(400));

    CheckResult result = new CheckRunner().run(check);

    assertThat(result.passed()).isFalse();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.message()).isEqualTo("GET " + url + ": connection refused (2 attempts)");
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void run_postsTheBodyAsJsonWithTheHeaders() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(201, "{\"id\":7}"))) {
      HttpCheckConfig post =
          new HttpCheckConfig(
              "POST",
              server.url("/api/sign-in"),
              Map.of("Authorization", "Bearer token-1"),
              "{\"user\":\"smoke\"}",
              201,
              List.of(assertion("$.id >= 1")));

      CheckResult result = new CheckRunner().run(check(post, 0));

      assertThat(result.passed()).isTrue();
      TestServer.Seen seen = server.seen().get(0);
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.body()).isEqualTo("{\"user\":\"smoke\"}");
      assertThat(seen.headers().get("Content-type")).containsExactly("application/json");
      assertThat(seen.headers().get("Authorization")).containsExactly("Bearer token-1");
    }
  }

  @Test
  void run_explicitContentType_isKept() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(200, ""))) {
      HttpCheckConfig post =
          new HttpCheckConfig(
              "PUT",
              server.url("/"),
              Map.of("content-type", "text/plain"),
              "{not json}",
              200,
              List.of());

      new CheckRunner().run(check(post, 0));

      assertThat(server.seen().get(0).headers().get("Content-type")).containsExactly("text/plain");
    }
  }

  @Test
  void run_secretsInTheResponse_areMasked() throws Exception {
    try (TestServer server =
        new TestServer(n -> Reply.json(500, "{\"error\":\"auth failed for s3cret\"}"))) {
      CheckRunner runner =
          new CheckRunner(
              CheckRunner.defaultClient(), null, List.of(Secret.of("s3cret")), CheckListener.NONE);

      CheckResult result = runner.run(check(get(server.url("/"), 200), 0));

      assertThat(result.message()).contains("auth failed for ******").doesNotContain("s3cret");
    }
  }

  @Test
  void runAll_runsEveryCheckInOrder() throws Exception {
    try (TestServer server = new TestServer(n -> Reply.json(200, HEALTHY))) {
      List<CheckResult> results =
          new CheckRunner()
              .runAll(
                  List.of(
                      named("first", get(server.url("/a"), 500)),
                      named("second", get(server.url("/b"), 200))));

      assertThat(results).extracting(CheckResult::name).containsExactly("first", "second");
      assertThat(results).extracting(CheckResult::passed).containsExactly(false, true);
    }
  }

  static HttpCheckConfig get(String url, int status, String... assertions) {
    return new HttpCheckConfig(
        "GET",
        url,
        Map.of(),
        null,
        status,
        Arrays.stream(assertions).map(HttpCheckTest::assertion).toList());
  }

  static JsonAssertion assertion(String text) {
    return JsonAssertion.parse(text).orElseThrow();
  }

  private static CheckConfig check(HttpCheckConfig http) {
    return check(http, 0);
  }

  private static CheckConfig check(HttpCheckConfig http, int retries) {
    return new CheckConfig(
        "health", http, null, Duration.ofSeconds(5), retries, Duration.ofMillis(10));
  }

  private static CheckConfig named(String name, HttpCheckConfig http) {
    return new CheckConfig(name, http, null, Duration.ofSeconds(5), 0, Duration.ofMillis(10));
  }
}
