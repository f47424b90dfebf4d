package dev.lockstep.core.config;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request and what its response must show.
 *
 * @param assertions JSON-path assertions on the response body, such as {@code $.status == "ok"} or
 *     {@code $.notes.length() >= 3}
 */
public record HttpCheckConfig(
    String method,
    String url,
    Map<String, String> headers,
    String body,
    int expectStatus,
    List<JsonAssertion> assertions) {

  public HttpCheckConfig {
    headers = Map.copyOf(headers);
    assertions = List.copyOf(assertions);
  }
}
