package dev.lockstep.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Prometheus's HTTP query API: an instant query and a range query, answering the {@code data}
 * object of a success, or why there is none (Prometheus's own reason when it refused the query).
 */
public final class PrometheusApi {
  private PrometheusApi() {}

  /** {@code GET /api/v1/query}: {@code data} is {@code {"resultType": …, "result": …}}. */
  public static HttpJson.Answer query(String base, String query) {
    return ask(base, "api/v1/query?query=" + encode(query));
  }

  /** {@code GET /api/v1/query_range}: {@code data.result} is a matrix, one series per element. */
  public static HttpJson.Answer queryRange(
      String base, String query, Instant start, Instant end, Duration step) {
    return ask(
        base,
        "api/v1/query_range?query="
            + encode(query)
            + "&start="
            + seconds(start)
            + "&end="
            + seconds(end)
            + "&step="
            + seconds(step));
  }

  /**
   * The number of a sample, {@code [1712345678.123, "14"]}: Prometheus writes it as a string, and
   * writes {@code NaN}, {@code +Inf} and {@code -Inf} so.
   *
   * @return the number, or null when {@code pair} is not such a sample
   */
  public static Double value(JsonNode pair) {
    if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
      return null;
    }
    String text = pair.get(1).asText();
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          return null;
        }
    }
  }

  /** Prometheus at {@code http://host:port}, as messages name it. */
  public static String named(String base) {
    return "Prometheus at " + HttpGet.where(base);
  }

  private static HttpJson.Answer ask(String base, String pathAndQuery) {
    HttpJson.Answer answer = HttpJson.get((base.endsWith("/") ? base : base + "/") + pathAndQuery);
    JsonNode json = answer.json();
    // Prometheus refuses a query with HTTP 400 or 422 and says why in the body.
    if (answer.failed() && (json == null || !"error".equals(json.path("status").asText()))) {
      return new HttpJson.Answer(null, answer.error() + " (the Prometheus query API)");
    }
    if (!"success".equals(json.path("status").asText())) {
      return new HttpJson.Answer(
          null, named(base) + " refused the query: " + json.path("error").asText("no error given"));
    }
    return new HttpJson.Answer(json.path("data"), null);
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  /** RFC 3339, which Prometheus reads as well as Unix seconds. */
  private static String seconds(Instant at) {
    return at.toString();
  }

  private static String seconds(Duration step) {
    return Double.toString(step.toMillis() / 1000.0);
  }
}
