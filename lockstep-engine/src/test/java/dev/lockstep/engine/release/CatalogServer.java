package dev.lockstep.engine.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A release catalog folder served over real HTTPS on a loopback port, with a certificate made by
 * the JDK's {@code keytool} for 127.0.0.1 (self-signed: {@link #caFile} is the authority to trust).
 */
final class CatalogServer implements AutoCloseable {
  private static final String PASSWORD = "catalog-test";

  private final HttpsServer server;
  private final Path folder;
  private final Path caFile;
  private final AtomicInteger requests = new AtomicInteger();

  private CatalogServer(HttpsServer server, Path folder, Path caFile) {
    this.server = server;
    this.folder = folder;
    this.caFile = caFile;
  }

  /** A key and a self-signed certificate for 127.0.0.1, made by {@code keytool}. */
  record Keys(Path keystore, Path caFile) {
    static Keys make(Path work) {
      Path keystore = work.resolve("catalog.p12");
      Path caFile = work.resolve("catalog-ca.pem");
      keytool(
          "-genkeypair",
          "-alias",
          "catalog",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          PASSWORD,
          "-keypass",
          PASSWORD);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "catalog",
          "-keystore",
          keystore.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          caFile.toString());
      return new Keys(keystore, caFile);
    }
  }

  /** Serves {@code folder} under {@code /catalog/} with {@code keys}. */
  static CatalogServer serve(Path folder, Keys keys) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keys.keystore())) {
        store.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(factory.getKeyManagers(), null, null);
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      CatalogServer catalog = new CatalogServer(server, folder, keys.caFile());
      server.createContext("/catalog/", catalog::answer);
      server.start();
      return catalog;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/catalog/");
  }

  Path caFile() {
    return caFile;
  }

  int requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring("/catalog/".length());
      Path file = folder.resolve(path).normalize();
      if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void keytool(String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    ProcessResult result =
        ProcessRunner.standalone()
            .run(ProcessSpec.of("keytool", command).withDeadline(Duration.ofMinutes(1)));
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
