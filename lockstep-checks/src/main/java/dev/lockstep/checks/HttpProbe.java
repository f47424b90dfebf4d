package dev.lockstep.checks;

import dev.lockstep.core.config.HttpCheckConfig;
import dev.lockstep.core.yaml.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends a check's request and compares the response with what the check expects. */
final class HttpProbe implements Probe {
  private static final int MAX_BODY_CHARS = 120;

  private final HttpCheckConfig check;
  private final HttpClient client;
  private final Redactor redactor;

  HttpProbe(HttpCheckConfig check, HttpClient client, Redactor redactor) {
    this.check = check;
    this.client = client;
    this.redactor = redactor;
  }

  @Override
  public Attempt attempt(Duration timeout) {
    HttpRequest request;
    try {
      request = request(timeout);
    } catch (IllegalArgumentException e) {
      return Attempt.failed(describe() + ": cannot send this request: " + e.getMessage());
    }
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(request, BodyHandlers.ofString());
    try {
      return judge(response.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      response.cancel(true);
      return Attempt.failed(describe() + ": no response within " + Durations.format(timeout));
    } catch (ExecutionException e) {
      String message = describe() + ": " + reason(e.getCause(), timeout);
      return refused(e.getCause()) ? Attempt.refused(message) : Attempt.failed(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.cancel(true);
      return Attempt.failed(describe() + ": interrupted");
    }
  }

  private Attempt judge(HttpResponse<String> response) {
    String seen = describe() + " → " + response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (response.statusCode() != check.expectStatus()) {
      return Attempt.failed(
          seen
              + ", expected "
              + check.expectStatus()
              + (body.isBlank() ? "" : ": " + redactor.excerpt(body, MAX_BODY_CHARS)));
    }
    List<String> failures = JsonAssertions.failures(body, check.assertions(), redactor);
    if (!failures.isEmpty()) {
      return Attempt.failed(seen + ", but " + String.join("; ", failures));
    }
    return Attempt.passed(seen);
  }

  private HttpRequest request(Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(check.url()))
            .timeout(timeout.isZero() ? Duration.ofMillis(1) : timeout)
            .method(
                check.method(),
                check.body() == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofString(check.body()));
    check.headers().forEach(builder::header);
    boolean typed = check.headers().keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
    if (check.body() != null && !typed && looksLikeJson(check.body())) {
      builder.header("Content-Type", "application/json");
    }
    return builder.build();
  }

  private static boolean looksLikeJson(String body) {
    String text = body.strip();
    return text.startsWith("{") || text.startsWith("[");
  }

  /** Whether nothing listened: the connection was refused rather than timed out or broken. */
  private static boolean refused(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpTimeoutException) {
        return false;
      }
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** What went wrong in words an operator recognises; the cause chain names it best. */
  private String reason(Throwable failure, Duration timeout) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpConnectTimeoutException) {
        return "no connection within " + Durations.format(timeout);
      }
      if (cause instanceof HttpTimeoutException) {
        return "no response within " + Durations.format(timeout);
      }
      if (cause instanceof ConnectException) {
        return cause.getMessage() == null || cause.getMessage().isBlank()
            ? "connection refused"
            : cause.getMessage().toLowerCase(Locale.ROOT);
      }
      if (cause instanceof UnresolvedAddressException) {
        return "cannot resolve host " + URI.create(check.url()).getHost();
      }
    }
    if (failure instanceof IOException && failure.getMessage() != null) {
      return redactor.excerpt(failure.getMessage(), MAX_BODY_CHARS);
    }
    return failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  private String describe() {
    return check.method() + " " + check.url();
  }
}
