package dev.lockstep.cli.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.secrets.SecretRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How every response of {@code lockstep serve} is sent: its body masked through the deployment's
 * {@link SecretRegistry} (whichever code wrote it), never cached, under a Content-Security-Policy
 * that lets a page run only its own inline script and style (their nonce) and fetch only from this
 * server.
 */
final class Responses {
  private final SecretRegistry secrets;

  Responses(SecretRegistry secrets) {
    this.secrets = secrets;
  }

  static String policy(String nonce) {
    return "default-src 'none'; script-src 'nonce-"
        + nonce
        + "'; style-src 'nonce-"
        + nonce
        + "'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'none'";
  }

  void json(HttpExchange exchange, int status, Object value) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", Json.write(value), null);
  }

  void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, Map.of("error", message));
  }

  void html(HttpExchange exchange, String page, String nonce) throws IOException {
    send(exchange, 200, "text/html; charset=utf-8", page, nonce);
  }

  void empty(HttpExchange exchange, int status) throws IOException {
    headers(exchange.getResponseHeaders(), "text/plain; charset=utf-8", null);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void send(HttpExchange exchange, int status, String type, String body, String nonce)
      throws IOException {
    byte[] bytes = secrets.redact(body).getBytes(StandardCharsets.UTF_8);
    headers(exchange.getResponseHeaders(), type, nonce);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  private static void headers(Headers headers, String type, String nonce) {
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set(
        "Content-Security-Policy",
        nonce == null ? "default-src 'none'; frame-ancestors 'none'" : policy(nonce));
  }
}
