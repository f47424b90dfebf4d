package dev.lockstep.engine.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port answering every GET with the body and status a test
 * sets, and keeping the requests it was sent (path and query) and what each accepted.
 */
public final class JsonEndpoint implements AutoCloseable {
  private final HttpServer server;
  private volatile byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
  private volatile int status = 200;
  private volatile String contentType = "application/json";
  public final List<URI> asked = new CopyOnWriteArrayList<>();
  public final List<String> accepted = new CopyOnWriteArrayList<>();

  public JsonEndpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          asked.add(exchange.getRequestURI());
          accepted.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
          byte[] bytes = body;
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  public JsonEndpoint answer(int status, String body) {
    return answer(status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with these bytes from now on, e.g. a page in a binary format. */
  public JsonEndpoint answer(int status, byte[] body) {
    this.status = status;
    this.body = body.clone();
    return this;
  }

  /** Answers with this {@code Content-Type} from now on, e.g. a metrics page's. */
  public JsonEndpoint typed(String contentType) {
    this.contentType = contentType;
    return this;
  }

  public JsonEndpoint answer(String body) {
    return answer(200, body);
  }

  /** The server's root, {@code http://127.0.0.1:port}. */
  public String root() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
