package dev.lockstep.engine.gates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.config.ClientsConfig;
import dev.lockstep.core.config.JsonPathPointer;
import dev.lockstep.engine.http.HttpGet;
import dev.lockstep.engine.http.HttpJson;
import dev.lockstep.engine.http.PrometheusApi;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks the deployment's {@code clients} source how many clients of each protocol version are
 * connected: an HTTP endpoint (at a JSON path, an object {@code {"2": 14, "3": 230}} or a list
 * {@code [{"protocol": "2", "count": 14}]}), or Prometheus's instant query API, whose result vector
 * carries the version in a label and the count as the sample's value. Only reads.
 */
final class ClientsProbe {
  private final ClientsConfig clients;

  ClientsProbe(ClientsConfig clients) {
    this.clients = clients;
  }

  /**
   * What the source answered.
   *
   * @param counts how many clients are connected on each protocol version
   * @param error why the source could not be read; null when it was
   */
  record Reading(Map<String, Long> counts, String error) {
    Reading {
      // By protocol version, as messages list them.
      counts = Collections.unmodifiableMap(new TreeMap<>(counts == null ? Map.of() : counts));
    }

    static Reading failed(String error) {
      return new Reading(Map.of(), error);
    }

    boolean failed() {
      return error != null;
    }
  }

  Reading read() {
    return clients.prometheus() ? prometheus() : http();
  }

  private Reading http() {
    HttpJson.Answer answer = HttpJson.get(clients.url());
    if (answer.failed()) {
      return Reading.failed(answer.error());
    }
    String asked = "GET " + HttpGet.where(clients.url());
    JsonNode value = answer.json().at(JsonPathPointer.of(clients.path()).orElseThrow());
    Map<String, Long> counts = new TreeMap<>();
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        Long count = count(entry.getValue());
        if (count == null) {
          return Reading.failed(
              asked + ": " + clients.path() + "." + entry.getKey() + " is not a count");
        }
        counts.merge(entry.getKey(), count, Long::sum);
      }
      return new Reading(counts, null);
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        JsonNode protocol = item.get("protocol");
        Long count = count(item.get("count"));
        if (protocol == null || !protocol.isValueNode() || count == null) {
          return Reading.failed(
              asked
                  + ": each item of "
                  + clients.path()
                  + " must be {\"protocol\": \"2\", \"count\": 14}");
        }
        counts.merge(protocol.asText(), count, Long::sum);
      }
      return new Reading(counts, null);
    }
    return Reading.failed(
        asked
            + " answered no "
            + clients.path()
            + " object ({\"2\": 14}) or list ([{\"protocol\": \"2\", \"count\": 14}])");
  }

  /** Prometheus's {@code GET /api/v1/query}: a vector of samples, one per protocol version. */
  private Reading prometheus() {
    HttpJson.Answer answer = PrometheusApi.query(clients.url(), clients.query());
    if (answer.failed()) {
      return Reading.failed(answer.error());
    }
    String asked = PrometheusApi.named(clients.url());
    JsonNode data = answer.json();
    if (!"vector".equals(data.path("resultType").asText())) {
      return Reading.failed(
          asked
              + " answered a "
              + data.path("resultType").asText("?")
              + ", not an instant vector; write a query that gives one sample per protocol");
    }
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode sample : data.path("result")) {
      JsonNode protocol = sample.path("metric").get(clients.label());
      JsonNode value = sample.path("value");
      if (protocol == null || !protocol.isTextual()) {
        return Reading.failed(
            asked
                + ": a sample has no label "
                + clients.label()
                + " ("
                + sample.path("metric")
                + "); aggregate by it, e.g. sum by ("
                + clients.label()
                + ") (…)");
      }
      Long count = promValue(value);
      if (count == null) {
        return Reading.failed(asked + ": the sample of " + protocol.asText() + " has no value");
      }
      counts.merge(protocol.asText(), count, Long::sum);
    }
    return new Reading(counts, null);
  }

  private static Long count(JsonNode node) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return null;
    }
    return node.longValue() < 0 ? null : node.longValue();
  }

  /** A sample's value is {@code [time, "14"]}: the number is a string, as Prometheus writes it. */
  private static Long promValue(JsonNode value) {
    Double number = PrometheusApi.value(value);
    return number != null && Double.isFinite(number) && number >= 0 ? Math.round(number) : null;
  }
}
