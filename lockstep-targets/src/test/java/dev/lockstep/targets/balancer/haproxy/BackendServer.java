package dev.lockstep.targets.balancer.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One of the tiny HTTP servers behind the test's HAProxy. {@code /} answers its name, {@code
 * /health} answers HAProxy's checks, and {@code /slow} answers its name only once {@link
 * #releaseSlow} is called: the in-flight work a drain must wait for.
 */
final class BackendServer implements AutoCloseable {
  private final String name;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Semaphore slowEntered = new Semaphore(0);
  private volatile CountDownLatch slowGate = new CountDownLatch(1);

  private BackendServer(String name) throws IOException {
    this.name = name;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/health", exchange -> answer(exchange, "ok"));
    server.createContext("/slow", this::slow);
    server.createContext("/", exchange -> answer(exchange, name));
    server.setExecutor(threads);
    server.start();
  }

  static BackendServer start(String name) throws IOException {
    return new BackendServer(name);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Waits until a {@code /slow} request has reached this server. */
  boolean awaitSlowRequest() throws InterruptedException {
    return slowEntered.tryAcquire(5, TimeUnit.SECONDS);
  }

  /** Lets every held {@code /slow} request answer; later ones are held again. */
  void releaseSlow() {
    CountDownLatch gate = slowGate;
    slowGate = new CountDownLatch(1);
    gate.countDown();
  }

  private void slow(HttpExchange exchange) throws IOException {
    CountDownLatch gate = slowGate;
    slowEntered.release();
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    answer(exchange, name);
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    releaseSlow();
    server.stop(0);
    threads.shutdownNow();
  }
}
