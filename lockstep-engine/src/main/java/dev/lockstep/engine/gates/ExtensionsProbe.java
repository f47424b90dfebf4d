package dev.lockstep.engine.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ExtensionsConfig;
import dev.lockstep.core.config.JsonPathPointer;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.engine.http.HttpGet;
import dev.lockstep.engine.http.HttpJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the deployment's {@code extensions} source which extensions are installed and the protocol
 * range each supports: the JSON list at a path of an HTTP endpoint's answer, or the JSON list a
 * command prints, {@code [{"name": "search-mcp", "protocols": ">=2 <4"}]}. Only reads.
 */
final class ExtensionsProbe {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final int MAX_LINES = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeploymentConfig config;
  private final ExtensionsConfig extensions;

  ExtensionsProbe(DeploymentConfig config) {
    this.config = config;
    this.extensions = config.extensions();
  }

  /** One installed extension and the protocol range it says it supports, as it wrote it. */
  record Installed(String name, String protocols) {}

  /**
   * What the source answered.
   *
   * @param installed the extensions, in the order listed
   * @param error why the source could not be read; null when it was
   */
  record Reading(List<Installed> installed, String error) {
    Reading {
      installed = List.copyOf(installed);
    }

    static Reading failed(String error) {
      return new Reading(List.of(), error);
    }

    boolean failed() {
      return error != null;
    }
  }

  Reading read() {
    return extensions.url() != null ? http() : command();
  }

  private Reading http() {
    HttpJson.Answer answer = HttpJson.get(extensions.url());
    if (answer.failed()) {
      return Reading.failed(answer.error());
    }
    JsonNode list = answer.json().at(JsonPathPointer.of(extensions.path()).orElseThrow());
    return list("GET " + HttpGet.where(extensions.url()) + " " + extensions.path(), list);
  }

  private Reading command() {
    // stdout only: a warning on stderr is not JSON.
    ProcessSpec spec =
        ProcessSpec.of(
                "extensions.command", List.of(config.target().shell(), "-c", extensions.command()))
            .withDisplay(extensions.command())
            .in(config.file().getParent())
            .withDeadline(DEADLINE);
    if (config.database() != null) {
      spec = spec.withDatabase(config.database());
    }
    ProcessResult result = ProcessRunner.forDeployment(config).run(spec);
    String asked = "`" + extensions.command() + "`";
    if (!result.succeeded()) {
      return Reading.failed(result.describeFailure());
    }
    if (result.head().size() >= MAX_LINES) {
      return Reading.failed(
          asked + " printed more than " + MAX_LINES + " lines; print the list on fewer lines");
    }
    try {
      return list(asked, JSON.readTree(String.join("\n", result.head())));
    } catch (JsonProcessingException e) {
      return Reading.failed(asked + " printed no JSON");
    }
  }

  private static Reading list(String asked, JsonNode list) {
    if (list == null || !list.isArray()) {
      return Reading.failed(
          asked + " gave no list of extensions ([{\"name\": …, \"protocols\": \">=2 <4\"}])");
    }
    List<Installed> installed = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      JsonNode name = item.get("name");
      JsonNode protocols = item.get("protocols");
      if (name == null || !name.isTextual() || protocols == null || !protocols.isValueNode()) {
        return Reading.failed(
            asked + ": item " + i + " must be {\"name\": \"…\", \"protocols\": \">=2 <4\"}");
      }
      installed.add(new Installed(name.asText(), protocols.asText()));
    }
    return new Reading(installed, null);
  }
}
