package dev.lockstep.engine.steps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A service for {@link ValidateStepTest}: answers {@code {"version":"<args[1]>"}} on args[0]. */
public final class HttpServiceMain {
  private HttpServiceMain() {}

  public static void main(String[] args) throws IOException {
    byte[] body = ("{\"version\":\"" + args[1] + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }
}
