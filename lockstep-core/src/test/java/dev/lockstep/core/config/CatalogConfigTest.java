package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog}: the releases served over HTTPS, copied into the releases folder. */
class CatalogConfigTest {
  private static final String REST =
      """
      environment: production
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api: {run: [java, -jar, "{artifact}"]}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @Test
  void load_withoutCatalog_hasNone() throws IOException {
    assertThat(loader.load(write(REST)).catalog()).isNull();
  }

  @Test
  void load_anHttpsCatalog_endsItsAddressWithASlash_andKeepsTheReleasesFolderAsItsCopy()
      throws IOException {
    DeploymentConfig config =
        loader.load(write(REST + "catalog: {url: \"https://releases.acme.example/notes\"}\n"));

    assertThat(config.catalog().url())
        .isEqualTo(URI.create("https://releases.acme.example/notes/"));
    assertThat(config.catalog().caFile()).isNull();
    assertThat(config.releases()).isEqualTo(dir.resolve("releases"));
  }

  @Test
  void load_plainHttp_isRefusedNamingTheField() throws IOException {
    Path file = write(REST + "catalog: {url: \"http://releases.acme.example/notes/\"}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("catalog.url")
        .hasMessageContaining("is not an https:// address")
        .hasMessageContaining("serve the catalog over HTTPS");
  }

  @Test
  void load_aCaFileThatIsMissingOrNoCertificate_isRefused() throws IOException {
    Files.writeString(dir.resolve("not-a-cert.pem"), "hello");

    assertThatThrownBy(
            () ->
                loader.load(
                    write(REST + "catalog: {url: \"https://r.example/\", caFile: missing.pem}\n")))
        .hasMessageContaining("catalog.caFile")
        .hasMessageContaining("missing.pem cannot be read");
    assertThatThrownBy(
            () ->
                loader.load(
                    write(
                        REST + "catalog: {url: \"https://r.example/\", caFile: not-a-cert.pem}\n")))
        .hasMessageContaining("catalog.caFile")
        .hasMessageContaining("holds no PEM certificate");
  }

  @Test
  void load_noUrl_isRefused() throws IOException {
    Path file = write(REST + "catalog: {caFile: ca.pem}\n");

    assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("catalog.url");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
