package dev.lockstep.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.StepStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of {@code lockstep serve} over a journal written through its API: status codes,
 * the JSON's shape, the security headers, the secret never in a body, the refusals of the rollback.
 */
class ServeServerTest {
  private static final List<String> PATHS =
      List.of("/", "/live", "/backups", "/api/status", "/api/runs", "/api/backups");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private ServedState state;

  @AfterEach
  void stop() {
    state.close();
  }

  @Test
  void apiStatus_showsTheInstalledReleaseAndTheRunInProgressWithItsStepAndProgress()
      throws Exception {
    state = new ServedState(dir).serve(Optional.empty());
    RunRecord running = state.journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "2.1.0");
    state.journal.recordChecklist(running.id(), Phase.FORWARD, 1, ServedState.UPGRADE, "{}");
    int seq = state.journal.stepStarted(running.id(), "check gates", Phase.FORWARD);
    state.journal.stepFinished(running.id(), seq, StepStatus.SUCCEEDED, null);
    state.journal.stepStarted(running.id(), "back up", Phase.FORWARD);

    HttpResponse<String> response = get("/api/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode status = Json.mapper().readTree(response.body());
    assertThat(status.get("installed").asText()).isEqualTo("1.0.0");
    assertThat(status.get("installedBy").asText()).isEqualTo(state.install.id());
    assertThat(status.get("lastRunId").asText()).isEqualTo(running.id());
    JsonNode progress = status.get("running");
    assertThat(progress.get("run").get("runId").asText()).isEqualTo(running.id());
    assertThat(progress.get("currentStep").asText()).startsWith("forward step 'back up' (started");
    assertThat(progress.get("stepsDone").asInt()).isEqualTo(1);
    assertThat(progress.get("stepsPlanned").asInt()).isEqualTo(6);
    assertThat(progress.get("run").get("steps")).hasSize(2);
  }

  @Test
  void apiRuns_listsEveryRunNewestFirst_andApiRunsId_isThatRunsReport() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());

    JsonNode runs = Json.mapper().readTree(get("/api/runs").body());
    HttpResponse<String> one = get("/api/runs/" + state.install.id());

    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("runId").asText()).isEqualTo(state.failed.id());
    assertThat(runs.get(1).get("runId").asText()).isEqualTo(state.install.id());
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode report = Json.mapper().readTree(one.body());
    assertThat(report).isEqualTo(runs.get(1));
    assertThat(report.get("steps")).hasSize(ServedState.UPGRADE.size());
    assertThat(report.get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void unknownRunOrPath_is404_andApiBackups_isAnEmptyListBeforeAnyBackup() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());

    assertThat(get("/api/runs/no-such-run").statusCode()).isEqualTo(404);
    assertThat(get("/runs/no-such-run").statusCode()).isEqualTo(404);
    assertThat(get("/etc/passwd").statusCode()).isEqualTo(404);
    HttpResponse<String> backups = get("/api/backups");
    assertThat(backups.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readTree(backups.body()).isArray()).isTrue();
  }

  @Test
  void everyPageAndEveryApiBody_masksTheSecret_andCarriesTheSecurityHeaders() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());
    List<String> paths = new java.util.ArrayList<>(PATHS);
    paths.add("/runs/" + state.failed.id());
    paths.add("/api/runs/" + state.failed.id());

    for (String path : paths) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain("s3cret", "&lt;db&gt;");
      assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
          .as(path)
          .startsWith("default-src 'none'")
          .doesNotContain("unsafe-inline", "*");
    }
    assertThat(get("/api/runs/" + state.failed.id()).body()).contains("password ******");
    assertThat(get("/runs/" + state.failed.id()).body())
        .contains("password ******")
        .contains("<style nonce=\"");
  }

  @Test
  void apiWatch_isTheInstalledUpgradesWatchSummary_withEachSignalsVerdict() throws Exception {
    state = new ServedState(dir).withWatch().serve(Optional.empty());

    HttpResponse<String> response = get("/api/watch");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode watch = Json.mapper().readTree(response.body());
    assertThat(watch.get("runId").asText()).isEqualTo(state.watched.id());
    assertThat(watch.get("release").asText()).isEqualTo("1.1.0");
    assertThat(watch.get("status").asText()).isEqualTo("WATCHING");
    assertThat(watch.get("orphaned").asBoolean()).as("this process owns it").isFalse();
    assertThat(watch.get("judgements").findValuesAsText("signal"))
        .containsExactlyElementsOf(ServedState.SIGNALS);
    assertThat(watch.get("judgements").findValuesAsText("verdict")).containsExactly("FAIL", "PASS");
    assertThat(watch.get("events")).hasSize(1);
    assertThat(watch.get("events").get(0).get("what").asText()).startsWith("errors failed");
  }

  @Test
  void apiRunsIdWatch_isTheWholeWatchReport_withTheSourcesByHostOnly() throws Exception {
    state = new ServedState(dir).withWatch().serve(Optional.empty());

    HttpResponse<String> response = get("/api/runs/" + state.watched.id() + "/watch");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode watch = Json.mapper().readTree(response.body());
    assertThat(watch.get("runId").asText()).isEqualTo(state.watched.id());
    assertThat(watch.get("previousRelease").asText()).isEqualTo("1.0.0");
    assertThat(watch.get("pointOfNoReturn").isTextual()).as("the migrate step's end").isTrue();
    JsonNode signals = watch.get("signals");
    assertThat(signals.findValuesAsText("name")).containsExactlyElementsOf(ServedState.SIGNALS);
    for (JsonNode signal : signals) {
      assertThat(signal.get("baseline")).hasSize(ServedState.BASELINE_SAMPLES);
      assertThat(signal.get("watched")).hasSize(ServedState.WATCHED_SAMPLES);
      assertThat(signal.get("baseline").get(0).get("value").isNumber()).isTrue();
      assertThat(signal.get("judgement").get("verdict").isTextual()).isTrue();
      assertThat(signal.get("source").has("url")).isFalse();
    }
    JsonNode prometheus = signals.get(0).get("source");
    assertThat(prometheus.get("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.get("host").asText()).isEqualTo("prometheus.test:9090");
    assertThat(prometheus.get("query").asText()).isEqualTo("sum(rate(http_errors_total[1m]))");
    JsonNode json = signals.get(1).get("source");
    assertThat(json.get("type").asText()).isEqualTo("json");
    assertThat(json.get("host").asText()).isEqualTo("ingest.test:8080");
    assertThat(json.get("description").asText()).isEqualTo("$.lagSeconds on ingest.test:8080");
    assertThat(signals.get(1).get("max").asDouble()).isEqualTo(30.0);
  }

  @Test
  void watch_none_is404WithAJsonError_onEveryWatchPath() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());
    List<String> paths =
        List.of(
            "/api/watch",
            "/watch",
            "/api/runs/" + state.install.id() + "/watch",
            "/api/runs/no-such-run/watch");

    for (String path : paths) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(Json.mapper().readTree(response.body()).get("error").asText())
          .as(path)
          .isNotBlank();
    }
    assertThat(get("/").body()).doesNotContain("id=\"watch\"", "id=\"point-of-no-return\"");
  }

  @Test
  void watchPages_showTheWatchAndThePointOfNoReturn_andNoResponseShowsTheSignalsToken()
      throws Exception {
    state = new ServedState(dir).withWatch().serve(Optional.of(ActionToken.generate()));
    String run = state.watched.id();
    List<String> paths = new java.util.ArrayList<>(PATHS);
    paths.addAll(List.of("/watch", "/api/watch", "/runs/" + run, "/api/runs/" + run + "/watch"));

    for (String path : paths) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body())
          .as(path)
          .doesNotContain(ServedState.SIGNAL_TOKEN, "token=", "key=", "ops:", "s3cret");
    }
    String home = get("/").body();
    assertThat(home)
        .contains("<section id=\"watch\">", "<a href=\"/watch\">")
        .contains("<tr class=\"fail\"><td>errors</td><td>fail</td>")
        .contains("<tr class=\"pass\"><td>queue-lag</td><td>pass</td>")
        .contains(
            "a rollback now means a restore (from backup B-1); it would lose every write since "
                + state.watched.startedAt());
    assertThat(get("/watch").body())
        .contains("<style nonce=\"", "<nav>", "Watch of 1.0.0 → 1.1.0")
        .contains("Prometheus on prometheus.test:9090", "$.lagSeconds on ingest.test:8080")
        .contains("<svg class=\"chart\"");
    assertThat(get("/runs/" + run).body())
        .contains("<h2>Watch " + run + "</h2>", "<svg class=\"chart\"", "rollback-action");
  }

  @Test
  void anythingButGet_is405_andTheRollbackByGet_is405() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());

    assertThat(send(post("/api/runs", null, null)).statusCode()).isEqualTo(405);
    HttpResponse<String> rollbackByGet = get("/api/runs/" + state.install.id() + "/rollback");
    assertThat(rollbackByGet.statusCode()).isEqualTo(405);
    assertThat(rollbackByGet.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void rollback_readOnlyServer_is403AndOffersNothing() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());

    HttpResponse<String> response =
        send(post("/api/runs/" + state.install.id() + "/rollback", "x", state.install.id()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Actions are off", "--allow-actions");
    assertThat(get("/runs/" + state.install.id()).body()).doesNotContain("rollback-action");
  }

  @Test
  void rollback_withoutTheToken_is401_aWrongOne403_unconfirmed400_anotherRun409() throws Exception {
    ActionToken token = ActionToken.generate();
    state = new ServedState(dir).serve(Optional.of(token));
    String bearer = "Bearer " + token.secret().reveal();
    String install = "/api/runs/" + state.install.id() + "/rollback";

    assertThat(send(post(install, null, state.install.id())).statusCode()).isEqualTo(401);
    assertThat(send(post(install, "Bearer wrong-token-wrong", state.install.id())).statusCode())
        .isEqualTo(403);
    HttpResponse<String> unconfirmed = send(post(install, bearer, "typo"));
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(unconfirmed.body()).contains("type the run id " + state.install.id());
    HttpResponse<String> other =
        send(post("/api/runs/" + state.failed.id() + "/rollback", bearer, state.failed.id()));
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.body())
        .contains(
            "did not install the current release (1.0.0, installed by run " + state.install.id());
    assertThat(state.log.toString()).as("no rollback started").isEmpty();
  }

  @Test
  void runPage_withActions_offersTheRollbackOnlyOnTheRunThatInstalledTheRelease() throws Exception {
    ActionToken token = ActionToken.generate();
    state = new ServedState(dir).serve(Optional.of(token));

    String installPage = get("/runs/" + state.install.id()).body();

    assertThat(installPage)
        .contains("id=\"rollback-action\" data-run=\"" + state.install.id() + "\"")
        .contains("<script nonce=\"")
        .doesNotContain(token.secret().reveal());
    assertThat(get("/runs/" + state.failed.id()).body()).doesNotContain("rollback-action");
  }

  @Test
  void aRequestForAnotherHostName_is421() throws IOException {
    state = new ServedState(dir).serve(Optional.empty());
    URI uri = URI.create(state.url("/"));

    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /api/runs HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(statusLine).startsWith("HTTP/1.1 421");
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(state.url(path))).GET().build());
  }

  private HttpRequest post(String path, String authorization, String confirm) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(state.url(path)))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (confirm != null) {
      request.header("X-Lockstep-Confirm", confirm);
    }
    return request.build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
