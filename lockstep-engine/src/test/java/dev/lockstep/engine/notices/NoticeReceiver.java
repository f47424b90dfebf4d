package dev.lockstep.engine.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real webhook receiver on a loopback port: it records every body POSTed to it, in the order they
 * arrived, and answers with the statuses it is told (200 once they run out), optionally after a
 * delay.
 */
public final class NoticeReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> bodies = new ArrayList<>();
  private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private volatile Duration delay = Duration.ZERO;

  public NoticeReceiver() {
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
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the next requests with {@code codes}, in turn. */
  public NoticeReceiver answering(Integer... codes) {
    statuses.addAll(List.of(codes));
    return this;
  }

  /** Waits {@code delay} before answering each request. */
  public NoticeReceiver slow(Duration delay) {
    this.delay = delay;
    return this;
  }

  public synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** The {@code event} of each JSON body received, in order. */
  public List<String> events() {
    return bodies().stream()
        .map(body -> Json.read(body, JsonNode.class).path("event").asText())
        .toList();
  }

  /** Waits until {@code count} bodies arrived (or {@code limit} passed), and returns them. */
  public List<String> awaitBodies(int count, Duration limit) throws InterruptedException {
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
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Integer status = statuses.poll();
    exchange.sendResponseHeaders(status == null ? 200 : status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
