package dev.lockstep.engine.notices;

import dev.lockstep.core.config.NoticeConfig;
import dev.lockstep.core.yaml.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One receiver's queue: its notices are POSTed one after another, in the order they happened, on a
 * daemon thread of its own, so that a receiver that hangs delays neither the run nor the others.
 * Each attempt has the receiver's timeout; a failed one is retried after a backoff that doubles.
 */
final class NoticeChannel {
  private final NoticeConfig config;
  private final HttpClient client;
  private final Duration backoff;
  private final Consumer<String> warn;
  private final ExecutorService queue;

  NoticeChannel(NoticeConfig config, HttpClient client, Duration backoff, Consumer<String> warn) {
    this.config = config;
    this.client = client;
    this.backoff = backoff;
    this.warn = warn;
    this.queue =
        Executors.newSingleThreadExecutor(
            work -> {
              Thread thread = new Thread(work, "lockstep-notice-" + config.name());
              thread.setDaemon(true);
              return thread;
            });
  }

  NoticeConfig config() {
    return config;
  }

  /** Queues {@code notice}; returns at once. */
  void post(Notice notice) {
    String body = notice.body(config.format());
    try {
      queue.execute(() -> deliver(notice, body));
    } catch (RejectedExecutionException e) {
      warn.accept(notDelivered(notice, "Lockstep was stopping"));
    }
  }

  /**
   * How long delivering one notice may take at most: every attempt timing out, and the backoffs
   * between them.
   */
  Duration longestDelivery() {
    Duration longest = config.timeout().multipliedBy(config.retries() + 1L);
    for (int retry = 1; retry <= config.retries(); retry++) {
      longest = longest.plus(backoff(retry));
    }
    return longest;
  }

  /** Stops taking notices, and waits up to {@code limit} for the queued ones. */
  boolean drain(Duration limit) {
    queue.shutdown();
    try {
      if (queue.awaitTermination(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int dropped = queue.shutdownNow().size() + 1;
    warn.accept(
        "Notice to "
            + config.where()
            + ": up to "
            + dropped
            + " notice(s) not delivered; Lockstep stopped waiting for the receiver after "
            + Durations.format(limit)
            + ".");
    return false;
  }

  private void deliver(Notice notice, String body) {
    if (config.url().isEmpty()) {
      warn.accept(notDelivered(notice, "its URL is empty"));
      return;
    }
    String failure = null;
    for (int attempt = 0; attempt <= config.retries(); attempt++) {
      if (attempt > 0 && !pause(backoff(attempt))) {
        warn.accept(notDelivered(notice, failure + "; Lockstep stopped before retrying"));
        return;
      }
      failure = attempt(body);
      if (failure == null) {
        return;
      }
    }
    int attempts = config.retries() + 1;
    warn.accept(
        notDelivered(
            notice,
            failure + (attempts == 1 ? "" : " (" + attempts + " attempts)") + "; the run goes on"));
  }

  /** One POST; null when the receiver took it (any 2xx answer), else what went wrong. */
  private String attempt(String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(config.url().reveal()))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "lockstep")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    CompletableFuture<HttpResponse<Void>> sent =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      // The request timeout does not bound connecting everywhere: this does.
      int status = sent.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
      return status / 100 == 2 ? null : "the receiver answered HTTP " + status;
    } catch (TimeoutException e) {
      sent.cancel(true);
      return "no answer within " + Durations.format(config.timeout());
    } catch (ExecutionException e) {
      return reason(e.getCause());
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String reason(Throwable cause) {
    if (cause instanceof java.net.http.HttpTimeoutException) {
      return "no answer in time";
    }
    if (cause instanceof java.net.ConnectException) {
      return "the receiver refused the connection";
    }
    if (cause instanceof IOException) {
      return "the request failed ("
          + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
          + ")";
    }
    return "the request failed (" + cause + ")";
  }

  private Duration backoff(int retry) {
    return backoff.multipliedBy(1L << Math.min(retry - 1, 4));
  }

  private static boolean pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String notDelivered(Notice notice, String why) {
    return "Notice '"
        + notice.event().key()
        + "' to "
        + config.where()
        + " not delivered: "
        + why
        + ".";
  }
}
