package dev.lockstep.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real webhook receiver on a loopback port, recording each body POSTed to it, in order. */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newSingleThreadExecutor();
  private final List<String> bodies = new ArrayList<>();

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.setExecutor(threads);
    server.start();
  }

  /** Where to POST, with a path that stands for a webhook's secret token. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** Waits until {@code count} bodies arrived (or {@code limit} passed), and returns them all. */
  List<String> awaitBodies(int count, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (bodies().size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    return bodies();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      bodies.add(body);
    }
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
