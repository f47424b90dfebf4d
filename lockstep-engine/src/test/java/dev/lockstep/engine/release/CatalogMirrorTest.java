package dev.lockstep.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.CatalogConfig;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.CatalogIndex;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.path.PathReport;
import dev.lockstep.engine.release.CatalogMirror.MirrorResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vendor's catalog folder served over real HTTPS, copied into a deployment's releases folder. */
class CatalogMirrorTest {
  /** One key and certificate for the class: keytool takes seconds. */
  @TempDir static Path keys;

  static CatalogServer.Keys tls;

  @TempDir Path dir;
  Path vendor;
  Path releases;
  CatalogServer server;

  @BeforeAll
  static void certificate() {
    tls = CatalogServer.Keys.make(keys);
  }

  @BeforeEach
  void serve() throws IOException {
    vendor = Files.createDirectories(dir.resolve("vendor"));
    releases = dir.resolve("deployment/releases");
    release("1.0.0", "");
    release("1.1.0", "requiredStop: true\n");
    index();
    server = CatalogServer.serve(vendor, tls);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void refresh_copiesEveryReleaseWhole_thenFetchesNothingTwice() throws IOException {
    MirrorResult first = mirror().refresh();

    assertThat(first).isEqualTo(new MirrorResult(List.of("1.0.0", "1.1.0"), 2, null));
    for (String file :
        List.of("1.0.0/release.yaml", "1.0.0/api.jar", "1.1.0/migrations/V2__add_n.sql")) {
      assertThat(releases.resolve(file)).hasSameBinaryContentAs(vendor.resolve(file));
    }
    assertThat(leftovers()).isEmpty();
    int requests = server.requests();

    MirrorResult second = mirror().refresh();

    assertThat(second).isEqualTo(new MirrorResult(List.of(), 2, null));
    assertThat(server.requests() - requests).as("only the index").isEqualTo(1);
  }

  @Test
  void refresh_aReleasePublishedLater_isTheOnlyOneFetched() throws IOException {
    mirror().refresh();
    release("1.2.0", "");
    index();

    assertThat(mirror().refresh().fetched()).containsExactly("1.2.0");
    assertThat(new ReleaseCatalog(releases).versions())
        .extracting(Version::toString)
        .containsExactly("1.0.0", "1.1.0", "1.2.0");
  }

  @Test
  void refresh_catalogUnreachable_keepsTheFolderAsItIs_andSaysWhy() throws IOException {
    mirror().refresh();
    server.close();

    MirrorResult offline = mirror().refresh();

    assertThat(offline.fetched()).isEmpty();
    assertThat(offline.held()).isEqualTo(2);
    assertThat(offline.offline()).startsWith(server.url() + "index.json: ");
    assertThat(new ReleaseCatalog(releases).get(Version.parse("1.1.0")).stops().required())
        .isTrue();
    assertThat(indexCopiesLeft()).as("temporary copies of index.json").isEmpty();
  }

  /** The temporary files the index is downloaded into, in the system's temporary folder. */
  private static List<Path> indexCopiesLeft() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("lockstep-catalog-")).toList();
    }
  }

  @Test
  void refresh_aFileThatIsNotWhatTheIndexSays_isRefused_andNothingOfItsReleaseKept()
      throws IOException {
    Files.writeString(vendor.resolve("1.1.0/api.jar"), "changed on the way");

    assertThatThrownBy(() -> mirror().refresh())
        .isInstanceOfSatisfying(
            BadInputException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
        .hasMessageContaining(
            server.url() + "1.1.0/api.jar has sha256 " + Sha256.of(vendor.resolve("1.1.0/api.jar")))
        .hasMessageContaining("but the catalog's index.json says")
        .hasMessageContaining("Nothing was kept");
    assertThat(releases.resolve("1.1.0")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void refresh_anIndexNamingAFileOutsideItsRelease_isRefused() throws IOException {
    Json.writeFile(
        vendor.resolve("index.json"),
        new CatalogIndex(1, Map.of("1.0.0", Map.of("../../evil", "0".repeat(64)))));

    assertThatThrownBy(() -> mirror().refresh())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("releases.1.0.0")
        .hasMessageContaining("names the file '../../evil'")
        .hasMessageContaining("lockstep release index FOLDER");
    assertThat(releases).doesNotExist();
  }

  @Test
  void refresh_withoutTrustingTheCatalogsAuthority_fetchesNothing() {
    MirrorResult refused =
        new CatalogMirror(new CatalogConfig(server.url(), null), releases).refresh();

    assertThat(refused.fetched()).isEmpty();
    assertThat(refused.offline()).contains("SSLHandshakeException");
    assertThat(releases).doesNotExist();
  }

  @Test
  void deployment_fetchesWhenItFirstReadsReleases_thenPlansThePathOffline() throws IOException {
    Path config = Files.createDirectories(dir.resolve("deployment")).resolve("lockstep.yaml");
    Files.writeString(
        config,
        """
        environment: production
        database: {name: app, user: app, password: {env: APP_DB_PASSWORD}}
        target: {type: process}
        services:
          api: {run: [java, -jar, "{artifact}"]}
        catalog:
          url: %s
          caFile: %s
        """
            .formatted(server.url(), server.caFile()));
    List<String> notices = new CopyOnWriteArrayList<>();

    try (Deployment online = open(config, notices)) {
      online.history();
      assertThat(releases).as("reading only the journal asks no catalog").doesNotExist();
      assertThat(online.path(Version.parse("1.0.0"), Version.parse("1.1.0")).hops())
          .extracting(PathReport.Hop::version)
          .containsExactly("1.1.0");
    }
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("fetched 1.0.0, 1.1.0 into " + releases);
    server.close();
    notices.clear();

    try (Deployment offline = open(config, notices)) {
      assertThat(offline.path(Version.parse("1.0.0"), Version.parse("1.1.0")).hops())
          .extracting(PathReport.Hop::why)
          .containsExactly("target");
    }
    assertThat(notices)
        .singleElement()
        .asString()
        .startsWith("Release catalog " + server.url() + " cannot be read (")
        .endsWith("working from the 2 release(s) already in " + releases + ".");
  }

  private Deployment open(Path config, List<String> notices) {
    RunListener listener =
        new RunListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        };
    return Deployment.open(
        new ConfigLoader(Variables.of(Map.of("APP_DB_PASSWORD", "pw"))).load(config),
        new EngineOptions(
            listener,
            dev.lockstep.core.api.Progress.NONE,
            java.time.Clock.systemUTC(),
            dev.lockstep.engine.run.CrashPoints.none()));
  }

  private CatalogMirror mirror() {
    return new CatalogMirror(new CatalogConfig(server.url(), server.caFile()), releases);
  }

  private List<Path> leftovers() throws IOException {
    if (!Files.isDirectory(releases)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(releases)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }
  }

  private void index() {
    Json.writeFile(vendor.resolve(CatalogIndex.FILE), CatalogIndex.of(vendor));
  }

  private void release(String version, String extra) throws IOException {
    Path folder = Files.createDirectories(vendor.resolve(version));
    Files.writeString(folder.resolve("api.jar"), "api " + version);
    Files.createDirectories(folder.resolve("migrations"));
    Files.writeString(folder.resolve("migrations/V1__create_t.sql"), "CREATE TABLE t (id int);\n");
    Files.writeString(
        folder.resolve("migrations/V2__add_n.sql"), "ALTER TABLE t ADD COLUMN n text;\n");
    Files.writeString(
        folder.resolve("release.yaml"),
        """
        product: app
        version: %s
        components:
          api:
            file: api.jar
            sha256: %s
        migrations:
          location: migrations
          scripts:
            - file: V1__create_t.sql
              class: expand
            - file: V2__add_n.sql
              class: expand
        %s"""
            .formatted(version, Sha256.of(folder.resolve("api.jar")), extra));
  }
}
