package dev.lockstep.engine.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks an endpoint for JSON with GET. What it says of a failure names the endpoint by its host
 * only, as {@link HttpGet} does.
 */
public final class HttpJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpJson() {}

  /**
   * What an endpoint answered.
   *
   * @param json its answer, also beside an HTTP error when its body is JSON (Prometheus says why it
   *     refused a query so); null when there is none to read
   * @param error why the answer is not a success, naming the endpoint by its host; null when it is
   */
  public record Answer(JsonNode json, String error) {
    public boolean failed() {
      return error != null;
    }
  }

  public static Answer get(String url) {
    HttpGet.Answer answer = HttpGet.get(url, "application/json");
    if (answer.status() == 0) {
      return new Answer(null, answer.error());
    }
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (answer.failed()) {
      return new Answer(json, answer.error());
    }
    return json == null || json.isMissingNode()
        ? new Answer(null, "GET " + HttpGet.where(url) + " answered no JSON")
        : new Answer(json, null);
  }
}
