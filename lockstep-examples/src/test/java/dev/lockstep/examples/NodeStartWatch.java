package dev.lockstep.examples;

import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * When a starting node first answers its own {@code /.status} on a release, asked every 10 ms from
 * the moment the watch starts: the end of the node's own start-up, as a benchmark sees it.
 */
final class NodeStartWatch {
  private static final Duration EVERY = Duration.ofMillis(10);
  private static final Duration AT_MOST = Duration.ofMinutes(2);

  private final CompletableFuture<Long> answeredAt = new CompletableFuture<>();

  private NodeStartWatch() {}

  /** Starts asking {@code status} until it answers 200 with {@code version}. */
  static NodeStartWatch start(URI status, String version) {
    NodeStartWatch watch = new NodeStartWatch();
    Thread thread = new Thread(() -> watch.ask(status, version), "start watch " + status);
    thread.setDaemon(true);
    thread.start();
    return watch;
  }

  /** When the node first answered, in nanoseconds since the epoch; waits for it. */
  long answeredAtEpochNanos() throws Exception {
    return answeredAt.get(AT_MOST.toSeconds(), TimeUnit.SECONDS);
  }

  static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private void ask(URI status, String version) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest request = HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + AT_MOST.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200
              && version.equals(Json.mapper().readTree(response.body()).path("version").asText())) {
            answeredAt.complete(epochNanos());
            return;
          }
        } catch (IOException e) {
          // Not listening yet.
        }
        Thread.sleep(EVERY.toMillis());
      }
      answeredAt.completeExceptionally(
          new IllegalStateException(status + " did not answer on " + version + " in " + AT_MOST));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answeredAt.completeExceptionally(e);
    }
  }
}
