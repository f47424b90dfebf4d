package dev.lockstep.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's Prometheus, started on a free loopback port with its own folder, scraping one target
 * every second. {@code .ci/run} installs it; a machine without it fails the test saying so.
 */
public final class RealPrometheus implements AutoCloseable {
  private final Process process;
  private final URI url;
  private final Path log;

  private RealPrometheus(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** Starts Prometheus in {@code dir}, scraping {@code target} (host:port, path /metrics). */
  public static RealPrometheus scraping(String target, Path dir) {
    Path binary =
        find()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "prometheus is not installed: apt-get install prometheus (.ci/run does)"));
    try {
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          """
          global: {scrape_interval: 1s, evaluation_interval: 1s}
          scrape_configs:
            - job_name: product
              static_configs: [{targets: ['%s']}]
          """
              .formatted(target));
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = dir.resolve("prometheus.log");
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new RealPrometheus(process, URI.create("http://127.0.0.1:" + port), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return url;
  }

  /** Waits until a query for {@code metric} has an answer with data: a scrape has happened. */
  public void awaitScraped(String metric, Duration deadline) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    Instant end = Instant.now().plus(deadline);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + tail());
      }
      try {
        String body =
            client
                .send(
                    HttpRequest.newBuilder(url.resolve("/api/v1/query?query=" + metric)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (body.contains("\"result\":[{")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "prometheus had no sample of " + metric + " within " + deadline + ": " + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/sbin";
    return Stream.of(path.split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "prometheus"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
