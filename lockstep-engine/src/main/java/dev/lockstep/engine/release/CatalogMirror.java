package dev.lockstep.engine.release;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.config.CatalogConfig;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.CatalogIndex;
import dev.lockstep.core.manifest.ReleaseCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Copies the releases of an HTTPS catalog ({@code catalog:}) that the deployment's releases folder
 * does not hold yet, so that plans work offline once a release is fetched. A release is fetched
 * whole into a temporary folder beside the others, every file checked against the sha256 the
 * catalog's {@code index.json} gives it, and only then renamed into place: the folder never holds
 * half a release. A release already there is never fetched again (a published release does not
 * change; its signature, when keys are trusted, is checked whenever it is read).
 */
public final class CatalogMirror {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String INCOMING = ".incoming-";

  private final CatalogConfig catalog;
  private final Path releases;
  private final HttpClient client;

  public CatalogMirror(CatalogConfig catalog, Path releases) {
    this.catalog = catalog;
    this.releases = releases;
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL);
    if (catalog.caFile() != null) {
      builder.sslContext(trusting(catalog.caFile()));
    }
    this.client = builder.build();
  }

  /**
   * Fetches the index, then every release it lists that the folder does not hold.
   *
   * @return what was fetched; when the catalog cannot be reached, why, with nothing changed
   * @throws BadInputException when the index is not one, or a file is not what the index says
   */
  public MirrorResult refresh() {
    CatalogIndex index;
    try {
      index = index();
    } catch (Unreachable e) {
      return MirrorResult.offline(e.getMessage(), held());
    }
    List<String> fetched = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> release : index.releases().entrySet()) {
      if (Files.isRegularFile(
          releases.resolve(release.getKey()).resolve(ReleaseCatalog.MANIFEST_FILE))) {
        continue;
      }
      try {
        fetch(release.getKey(), release.getValue());
      } catch (Unreachable e) {
        return new MirrorResult(fetched, held(), e.getMessage());
      }
      fetched.add(release.getKey());
    }
    return new MirrorResult(fetched, held(), null);
  }

  private CatalogIndex index() throws Unreachable {
    Path file = download(CatalogIndex.FILE, null);
    try {
      return CatalogIndex.FORMAT.read(file, CatalogIndex.class).checked(file);
    } catch (IOException e) {
      throw new BadInputException(
          ErrorCode.MANIFEST_INVALID,
          new Problem(
              file,
              "",
              "the catalog's " + url(CatalogIndex.FILE) + " is not an index: " + e.getMessage(),
              "serve the index `lockstep release index FOLDER` writes, or fix catalog.url."));
    } finally {
      SecureFiles.deleteTree(file);
    }
  }

  private void fetch(String version, Map<String, String> files) throws Unreachable {
    Path incoming;
    try {
      Files.createDirectories(releases);
      incoming = Files.createTempDirectory(releases, INCOMING + version + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the releases folder " + releases, e);
    }
    boolean placed = false;
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        String path = version + "/" + file.getKey();
        Path target = incoming.resolve(file.getKey());
        Path downloaded = download(path, target);
        String actual = Sha256.of(downloaded);
        if (!actual.equals(file.getValue())) {
          throw new BadInputException(
              ErrorCode.DIGEST_MISMATCH,
              new Problem(
                  Path.of(path),
                  "sha256",
                  url(path)
                      + " has sha256 "
                      + actual
                      + ", but the catalog's index.json says "
                      + file.getValue()
                      + ": it was changed, or cut short, on the way. Nothing was kept.",
                  "fetch again; if it stays so, ask the vendor which one is right."));
        }
      }
      Files.move(incoming, releases.resolve(version), StandardCopyOption.ATOMIC_MOVE);
      placed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put release " + version + " in " + releases, e);
    } finally {
      if (!placed) {
        SecureFiles.deleteTree(incoming);
      }
    }
  }

  /** Downloads {@code path} (relative to the catalog) into {@code target}, or a temporary file. */
  private Path download(String path, Path target) throws Unreachable {
    URI uri = url(path);
    Path file;
    try {
      file = target == null ? Files.createTempFile("lockstep-catalog-", ".json") : target;
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + (target == null ? "a temporary file" : target), e);
    }
    boolean downloaded = false;
    try {
      HttpResponse<Path> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofFile(file));
      if (response.statusCode() != 200) {
        throw new Unreachable(uri + " answered HTTP " + response.statusCode());
      }
      downloaded = true;
      return file;
    } catch (IOException e) {
      throw new Unreachable(uri + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(uri + ": interrupted");
    } finally {
      if (!downloaded) {
        SecureFiles.deleteTree(file);
      }
    }
  }

  private URI url(String path) {
    try {
      return catalog.url().resolve(new URI(null, null, path, null));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + path, e);
    }
  }

  private int held() {
    return new ReleaseCatalog(releases).versions().size();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if ((message == null || message.isBlank()) && cause != null) {
      message = cause.getMessage();
    }
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "catalog.caFile " + caFile + " cannot be used: " + e.getMessage(),
          e);
    }
  }

  /** The catalog could not be reached, or did not serve a file. */
  private static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }

  /**
   * @param fetched the releases copied into the folder now
   * @param held how many releases the folder holds now
   * @param offline why the catalog could not be read (the folder is used as it is), or null
   */
  public record MirrorResult(List<String> fetched, int held, String offline) {
    public MirrorResult {
      fetched = List.copyOf(fetched);
    }

    static MirrorResult offline(String why, int held) {
      return new MirrorResult(List.of(), held, why);
    }
  }
}
