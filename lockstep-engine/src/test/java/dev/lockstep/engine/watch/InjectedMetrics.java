package dev.lockstep.engine.watch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A product's metrics page, served for real on a free loopback port in the Prometheus text format,
 * whose behaviour a test changes while it is scraped: errors per second (a counter), the success
 * ratio of sign-ins, the ingestion lag, resident memory. Seeded noise on every value.
 */
final class InjectedMetrics implements AutoCloseable {
  private final HttpServer server;
  private final Random random = new Random(7);
  private double errors;
  private long lastScrape = System.nanoTime();
  private long leakStarted;
  private volatile double errorsPerSecond = 40;
  private volatile double failureRatio = 0.02;
  private volatile double lagSeconds = 2;
  private volatile double leakPerSecond;

  InjectedMetrics() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] page = page().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  InjectedMetrics errorsPerSecond(double rate) {
    this.errorsPerSecond = rate;
    return this;
  }

  InjectedMetrics failureRatio(double ratio) {
    this.failureRatio = ratio;
    return this;
  }

  InjectedMetrics lagSeconds(double lag) {
    this.lagSeconds = lag;
    return this;
  }

  /** Memory grows by {@code fraction} of its size every second from now on. */
  synchronized InjectedMetrics leaking(double fraction) {
    this.leakStarted = System.nanoTime();
    this.leakPerSecond = fraction;
    return this;
  }

  private synchronized String page() {
    long now = System.nanoTime();
    double seconds = (now - lastScrape) / 1e9;
    lastScrape = now;
    errors += Simulated.poisson(random, errorsPerSecond * seconds);
    int attempts = 200;
    int failed = 0;
    for (int i = 0; i < attempts; i++) {
      failed += random.nextDouble() < failureRatio ? 1 : 0;
    }
    double leaked = leakPerSecond == 0 ? 0 : leakPerSecond * (now - leakStarted) / 1e9;
    double memory = 200e6 * (1 + leaked) * (1 + 0.01 * random.nextGaussian());
    double lag = Math.max(0, lagSeconds * (1 + 0.2 * random.nextGaussian()));
    return "# TYPE http_requests_failed_total counter\n"
        + "http_requests_failed_total{route=\"/notes\"} "
        + errors
        + "\n# TYPE signin_success_ratio gauge\n"
        + "signin_success_ratio "
        + (attempts - failed) / (double) attempts
        + "\n# TYPE ingest_lag_seconds gauge\n"
        + "ingest_lag_seconds{queue=\"main\"} "
        + lag
        + "\n# TYPE process_resident_memory_bytes gauge\n"
        + "process_resident_memory_bytes "
        + memory
        + "\n";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
