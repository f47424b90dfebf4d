package dev.lockstep.engine.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Asks an endpoint with GET, for the gates and the watch that ask the product (or its monitoring)
 * something. What it says of a failure names the endpoint by its scheme, host and port only: the
 * path or query of a URL may carry a token.
 */
public final class HttpGet {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private HttpGet() {}

  /**
   * What an endpoint answered.
   *
   * @param status the HTTP status; 0 when there was no answer
   * @param body the answer's body; empty when there was no answer
   * @param contentType its {@code Content-Type}; empty when it has none
   * @param error why there is no answer, or why it is not a success, naming the endpoint by its
   *     host; null when it is a success
   */
  public record Answer(int status, String body, String contentType, String error) {
    public boolean failed() {
      return error != null;
    }
  }

  /** GET {@code url}, asking for {@code accept}. */
  public static Answer get(String url, String accept) {
    String asked = "GET " + where(url);
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(DEADLINE)
                  .header("Accept", accept)
                  .GET()
                  .build(),
              BodyHandlers.ofString());
    } catch (IOException e) {
      // The exception's text may quote the whole URL: only its kind is told.
      return new Answer(0, "", "", asked + " failed: " + reason(e));
    } catch (IllegalArgumentException e) {
      return new Answer(0, "", "", asked + " failed: the URL is not one Java can ask");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "", "", asked + " was interrupted");
    }
    String body = response.body() == null ? "" : response.body();
    String type = response.headers().firstValue("Content-Type").orElse("");
    return response.statusCode() == 200
        ? new Answer(200, body, type, null)
        : new Answer(
            response.statusCode(), body, type, asked + " answered HTTP " + response.statusCode());
  }

  /** The endpoint as messages name it: {@code http://host:port}, never its path or query. */
  public static String where(String url) {
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
    if (e instanceof ConnectException) {
      return "connection refused or unreachable";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + DEADLINE.toSeconds() + " s";
    }
    return e.getClass().getSimpleName();
  }
}
