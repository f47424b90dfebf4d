package dev.lockstep.engine.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
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
   * @param content the answer's body as sent; empty when there was no answer
   * @param contentType its {@code Content-Type}; empty when it has none
   * @param error why there is no answer, or why it is not a success, naming the endpoint by its
   *     host; null when it is a success
   */
  public record Answer(int status, byte[] content, String contentType, String error) {
    private static final byte[] NONE = new byte[0];

    public boolean failed() {
      return error != null;
    }

    /** The body as text: UTF-8, which JSON and the metrics text formats are written in. */
    public String body() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** GET {@code url}, asking for {@code accept}. */
  public static Answer get(String url, String accept) {
    String asked = "GET " + where(url);
    HttpResponse<byte[]> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(DEADLINE)
                  .header("Accept", accept)
                  .GET()
                  .build(),
              BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // The exception's text may quote the whole URL: only its kind is told.
      return new Answer(0, Answer.NONE, "", asked + " failed: " + reason(e));
    } catch (IllegalArgumentException e) {
      return new Answer(0, Answer.NONE, "", asked + " failed: the URL is not one Java can ask");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, Answer.NONE, "", asked + " was interrupted");
    }
    byte[] body = response.body() == null ? Answer.NONE : response.body();
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
