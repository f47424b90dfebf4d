package dev.lockstep.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index.json}: what a catalog served over HTTPS holds, file by file. */
class CatalogIndexTest {
  private static final String DIGEST = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void of_listsEveryFileOfEveryReleaseWithItsSha256_andNothingElse() throws IOException {
    Path release = Files.createDirectories(dir.resolve("1.0.0/migrations"));
    Files.writeString(dir.resolve("1.0.0/release.yaml"), "product: app\n");
    Files.writeString(release.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
    Files.createDirectories(dir.resolve("notes"));
    Files.writeString(dir.resolve("notes/readme.txt"), "not a release");
    Files.writeString(dir.resolve("index.json"), "{}");

    CatalogIndex index = CatalogIndex.of(dir);

    assertThat(index.formatVersion()).isEqualTo(1);
    assertThat(index.releases())
        .containsExactly(
            Map.entry(
                "1.0.0",
                Map.of(
                    "release.yaml", Sha256.of(dir.resolve("1.0.0/release.yaml")),
                    "migrations/V1__init.sql", Sha256.of(release.resolve("V1__init.sql")))));
    assertThat(Json.read(Json.write(index), CatalogIndex.class)).isEqualTo(index);
  }

  @Test
  void checked_aPathLeavingTheReleaseFolder_isRefused() {
    CatalogIndex index =
        new CatalogIndex(1, Map.of("1.0.0", Map.of("release.yaml", DIGEST, "../x", DIGEST)));

    assertThatThrownBy(() -> index.checked(dir.resolve("index.json")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("releases.1.0.0")
        .hasMessageContaining("names the file '../x'");
  }

  @Test
  void checked_anAbsolutePathOrABadDigest_isRefused() {
    assertThatThrownBy(
            () ->
                new CatalogIndex(
                        1, Map.of("1.0.0", Map.of("release.yaml", DIGEST, "/etc/x", DIGEST)))
                    .checked(dir))
        .hasMessageContaining("'/etc/x'");
    assertThatThrownBy(
            () ->
                new CatalogIndex(1, Map.of("1.0.0", Map.of("release.yaml", "not-a-digest")))
                    .checked(dir))
        .hasMessageContaining("with sha256 'not-a-digest'");
  }

  @Test
  void checked_aReleaseWithoutManifestOrNotAVersion_isRefused() {
    assertThatThrownBy(
            () -> new CatalogIndex(1, Map.of("1.0.0", Map.of("api.jar", DIGEST))).checked(dir))
        .hasMessageContaining("lists no release.yaml");
    assertThatThrownBy(
            () ->
                new CatalogIndex(1, Map.of("latest", Map.of("release.yaml", DIGEST))).checked(dir))
        .isInstanceOf(BadInputException.class);
  }
}
