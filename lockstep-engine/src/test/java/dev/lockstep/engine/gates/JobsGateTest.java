package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.core.config.JobsConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs probe is a real HTTP server on a free port, answering what each test queues (the last
 * answer repeats), or a real shell command.
 */
class JobsGateTest {
  private static final String NAME = "no long-running jobs";

  @TempDir Path dir;
  private GateFixture fixture;
  private HttpServer server;
  private final Deque<String> answers = new ArrayDeque<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeEach
  void ready() throws IOException {
    fixture = new GateFixture(dir);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/admin/jobs",
        exchange -> {
          asked.incrementAndGet();
          String body;
          synchronized (answers) {
            body = answers.size() > 1 ? answers.poll() : answers.peek();
          }
          byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void close() {
    server.stop(0);
    fixture.close();
  }

  @Test
  void check_noJobsSection_isLeftOut() {
    assertThat(fixture.check(new JobsGate())).isNull();
  }

  @Test
  void check_firstInstall_isLeftOut() {
    fixture.installedVersion = null;
    http("$.running", Duration.ZERO, "{\"running\": 3}");

    assertThat(fixture.check(new JobsGate())).isNull();
    assertThat(asked).hasValue(0);
  }

  @Test
  void check_command_getsTheDatabaseAsEveryShellCommandDoes() {
    fixture.jobs = JobsConfig.command("echo \"$PGDATABASE as $PGUSER\"", Duration.ZERO);

    assertThat(fixture.check(new JobsGate()).message()).startsWith("1 job running: app as app;");
  }

  @Test
  void check_countOfZero_passes() {
    http("$.running", Duration.ZERO, "{\"running\": 0}");

    assertThat(fixture.check(new JobsGate())).isEqualTo(GateResult.passed(NAME, "no job running"));
  }

  @Test
  void check_countOfThreeWithoutWait_blocksAtOnceWithTheFix() {
    http("$.work.running", Duration.ZERO, "{\"work\": {\"running\": 3}}");

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo("3 jobs running; the upgrade's downtime would cut them off.");
    assertThat(result.fix())
        .isEqualTo(
            "wait for them to finish or stop them, then upgrade again; or let the upgrade wait"
                + " longer for them: jobs.wait (now 0s).");
    assertThat(asked).hasValue(1);
  }

  @Test
  void check_listOfTwelveJobs_namesTheFirstTenAndCountsTheRest() {
    String jobs =
        IntStream.rangeClosed(1, 12)
            .mapToObj(i -> i % 2 == 0 ? "{\"name\": \"export-" + i + "\"}" : "{\"id\": " + i + "}")
            .collect(Collectors.joining(", ", "{\"jobs\": [", "]}"));
    http("$.jobs", Duration.ZERO, jobs);

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith(
            "12 jobs running: 1, export-2, 3, export-4, 5, export-6, 7, export-8, 9, export-10,"
                + " and 2 more;");
  }

  @Test
  void check_emptyList_passes() {
    http("$.jobs", Duration.ZERO, "{\"jobs\": []}");

    assertThat(fixture.check(new JobsGate()).verdict()).isEqualTo(Verdict.PASSED);
  }

  @Test
  void check_upgradeWhileJobsFinish_waitsThenPasses() {
    fixture.upgrading = true;
    http(
        "$.jobs",
        Duration.ofMinutes(1),
        "{\"jobs\": [\"export-42\", \"reindex\"]}",
        "{\"jobs\": [\"reindex\"]}",
        "{\"jobs\": []}");

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message()).startsWith("2 jobs finished while waiting ").endsWith(" s");
    assertThat(asked).hasValue(3);
    assertThat(fixture.notices)
        .containsExactly(
            "2 jobs running: export-42, reindex; waiting up to 1m for them to finish (jobs.wait),"
                + " asking every 1s.");
  }

  @Test
  void check_upgradeWhileJobsOutlastTheWait_blocksListingThem() {
    fixture.upgrading = true;
    http("$.jobs", Duration.ofSeconds(1), "{\"jobs\": [\"export-42\", \"reindex\"]}");

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith("2 jobs running: export-42, reindex, still after waiting ")
        .endsWith(" s (jobs.wait); the upgrade's downtime would cut them off.");
    assertThat(result.fix()).endsWith("jobs.wait (now 1s).");
    assertThat(asked.get()).isGreaterThan(1);
  }

  @Test
  void check_planWithJobsRunning_doesNotWaitAndSaysWhatTheUpgradeWillDo() {
    http("$.jobs", Duration.ofMinutes(10), "{\"jobs\": [\"export-42\"]}", "{\"jobs\": []}");

    GateResult result = fixture.check(new JobsGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                NAME,
                "1 job running: export-42; the upgrade waits up to 10m (jobs.wait) for them to"
                    + " finish, and blocks if they have not"));
    assertThat(asked).hasValue(1);
    assertThat(fixture.notices).isEmpty();
  }

  @Test
  void check_serverError_blocksSayingWhatFailed() {
    status.set(503);
    http("$.running", Duration.ofMinutes(1), "{\"error\": \"maintenance\"}");

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "cannot tell which jobs run: GET " + url() + " → 503: {\"error\": \"maintenance\"}");
    assertThat(result.fix()).startsWith("make the probe answer (GET " + url() + " $.running");
  }

  @Test
  void check_notJson_blocks() {
    http("$.running", Duration.ZERO, "<html>login</html>");

    assertThat(fixture.check(new JobsGate()).message())
        .isEqualTo(
            "cannot tell which jobs run: GET " + url() + " answered no JSON: <html>login</html>");
  }

  @Test
  void check_pathMissingOrNotACount_blocks() {
    http("$.running", Duration.ZERO, "{\"jobs\": 2}");
    assertThat(fixture.check(new JobsGate()).message())
        .isEqualTo(
            "cannot tell which jobs run: GET " + url() + " answered no $.running: {\"jobs\": 2}");

    http("$.jobs", Duration.ZERO, "{\"jobs\": \"two\"}");
    assertThat(fixture.check(new JobsGate()).message())
        .isEqualTo(
            "cannot tell which jobs run: GET "
                + url()
                + ": $.jobs is \"two\", neither a count nor a list of jobs");
  }

  @Test
  void check_connectionRefused_blocks() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    fixture.jobs =
        JobsConfig.http("http://127.0.0.1:" + port + "/jobs", "$.running", Duration.ZERO);

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith("cannot tell which jobs run: GET http://127.0.0.1:" + port + "/jobs failed");
  }

  @Test
  void check_commandListingJobs_blocksListingThem() {
    fixture.jobs = JobsConfig.command("printf 'export-42\\n\\nreindex\\n'", Duration.ZERO);

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "2 jobs running: export-42, reindex; the upgrade's downtime would cut them off.");
  }

  @Test
  void check_commandPrintingNothing_passes() {
    fixture.jobs = JobsConfig.command("true", Duration.ZERO);

    assertThat(fixture.check(new JobsGate())).isEqualTo(GateResult.passed(NAME, "no job running"));
  }

  @Test
  void check_commandFailing_blocksWithItsOutput() {
    fixture.jobs = JobsConfig.command("echo 'queue unreachable' >&2; exit 3", Duration.ZERO);

    GateResult result = fixture.check(new JobsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .startsWith("cannot tell which jobs run: jobs.command exited with 3")
        .contains("queue unreachable");
  }

  private void http(String path, Duration wait, String... bodies) {
    synchronized (answers) {
      answers.clear();
      answers.addAll(java.util.List.of(bodies));
    }
    fixture.jobs = JobsConfig.http(url(), path, wait);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/admin/jobs";
  }
}
