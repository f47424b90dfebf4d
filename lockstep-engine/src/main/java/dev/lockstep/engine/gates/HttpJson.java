package dev.lockstep.engine.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * Asks an endpoint for JSON with GET, for the gates that ask the product (or its monitoring) what
 * is connected or installed. What it says of a failure names the endpoint by its scheme, host and
 * port only: the path or query of a URL may carry a token.
 */
final class HttpJson {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpJson() {}

  /**
   * What an endpoint answered.
   *
   * @param json its answer, also beside an HTTP error when its body is JSON (Prometheus says why it
   *     refused a query so); null when there is none to read
   * @param error why the answer is not a success, naming the endpoint by its host; null when it is
   */
  record Answer(JsonNode json, String error) {
    boolean failed() {
      return error != null;
    }
  }

  static Answer get(String url) {
    String asked = "GET " + where(url);
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(DEADLINE)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              BodyHandlers.ofString());
    } catch (IOException e) {
      // The exception's text may quote the whole URL: only its kind is told.
      return new Answer(null, asked + " failed: " + reason(e));
    } catch (IllegalArgumentException e) {
      return new Answer(null, asked + " failed: the URL is not one Java can ask");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(null, asked + " was interrupted");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body() == null ? "" : response.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (response.statusCode() != 200) {
      return new Answer(json, asked + " answered HTTP " + response.statusCode());
    }
    return json == null || json.isMissingNode()
        ? new Answer(null, asked + " answered no JSON")
        : new Answer(json, null);
  }

  /** The endpoint as messages name it: {@code http://host:port}, never its path or query. */
  static String where(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "the endpoint";
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused or unreachable";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + DEADLINE.toSeconds() + " s";
    }
    return e.getClass().getSimpleName();
  }
}
