package dev.lockstep.engine.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.JobsConfig;
import dev.lockstep.core.config.JsonPathPointer;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.secrets.SecretRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the deployment's {@code jobs} probe which long-running jobs run: its HTTP endpoint (a count
 * or a list at a JSON path) or its command (one job per line). Only reads; a probe that cannot be
 * read says what failed, so the gate blocks rather than guessing that nothing runs.
 */
final class JobsProbe {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final int MAX_BODY_CHARS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeploymentConfig config;
  private final JobsConfig jobs;
  private final SecretRegistry secrets;

  JobsProbe(DeploymentConfig config) {
    this.config = config;
    this.jobs = config.jobs();
    this.secrets = SecretRegistry.of(config);
  }

  /**
   * What the probe answered.
   *
   * @param count how many jobs run
   * @param names the jobs, when the probe lists them; empty when it only counts
   * @param error why the probe could not be read; null when it was
   */
  record Reading(int count, List<String> names, String error) {
    Reading {
      names = List.copyOf(names);
    }

    static Reading failed(String error) {
      return new Reading(0, List.of(), error);
    }

    boolean failed() {
      return error != null;
    }
  }

  Reading read() {
    return jobs.url() != null ? http() : command();
  }

  private Reading command() {
    // stdout only: a warning on stderr is not a running job.
    ProcessSpec spec =
        ProcessSpec.of("jobs.command", List.of(config.target().shell(), "-c", jobs.command()))
            .withDisplay(jobs.command())
            .in(config.file().getParent())
            .withDeadline(DEADLINE);
    if (config.database() != null) {
      // As every shell command of the config: psql -c 'SELECT … FROM jobs' needs no password.
      spec = spec.withDatabase(config.database());
    }
    ProcessResult result = ProcessRunner.forDeployment(config).run(spec);
    if (!result.succeeded()) {
      return Reading.failed(result.describeFailure());
    }
    List<String> names =
        result.head().stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return new Reading(names.size(), names, null);
  }

  private Reading http() {
    String asked = "GET " + jobs.url();
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(jobs.url())).timeout(DEADLINE).GET().build(),
              BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Reading.failed(asked + " failed: " + secrets.redact(why));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reading.failed(asked + " was interrupted");
    }
    String body = response.body() == null ? "" : response.body();
    if (response.statusCode() != 200) {
      return Reading.failed(asked + " → " + response.statusCode() + excerpt(body));
    }
    JsonNode value;
    try {
      value = JSON.readTree(body).at(JsonPathPointer.of(jobs.path()).orElseThrow());
    } catch (JsonProcessingException e) {
      return Reading.failed(asked + " answered no JSON" + excerpt(body));
    }
    if (value.isMissingNode() || value.isNull()) {
      return Reading.failed(asked + " answered no " + jobs.path() + excerpt(body));
    }
    if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
      return new Reading(value.intValue(), List.of(), null);
    }
    if (value.isArray()) {
      List<String> names = new ArrayList<>();
      value.forEach(job -> names.add(secrets.redact(name(job))));
      return new Reading(names.size(), names, null);
    }
    return Reading.failed(
        asked
            + ": "
            + jobs.path()
            + " is "
            + secrets.redact(value.toString())
            + ", neither a count nor a list of jobs");
  }

  /** A job as the operator knows it: its text, its name or id, or else all of it. */
  private static String name(JsonNode job) {
    if (job.isValueNode()) {
      return job.asText();
    }
    for (String field : List.of("name", "id")) {
      if (job.hasNonNull(field) && job.get(field).isValueNode()) {
        return job.get(field).asText();
      }
    }
    return job.toString();
  }

  private String excerpt(String body) {
    String text = secrets.redact(body.strip());
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "…" : text);
  }
}
