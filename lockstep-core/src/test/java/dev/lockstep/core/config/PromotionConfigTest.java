package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promotion}: the environments' shared folder or database, and which one runs a release
 * first.
 */
class PromotionConfigTest {
  private static final String REST =
      """
      environment: production
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api: {run: [java, -jar, "{artifact}"]}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader =
      new ConfigLoader(
          Variables.of(Map.of("DB_PASSWORD", "pw", "SHARED_PASSWORD", "shared-secret-pw")));

  @Test
  void load_withoutPromotion_hasNone() throws IOException {
    assertThat(loader.load(write(REST)).promotion()).isNull();
  }

  @Test
  void load_afterStaging_resolvesTheFolderAndDefaultsTheBakeTo24Hours() throws IOException {
    PromotionConfig promotion =
        loader.load(write(REST + "promotion: {shared: ../shared, after: staging}\n")).promotion();

    assertThat(promotion.shared()).isEqualTo(dir.getParent().resolve("shared"));
    assertThat(promotion.after()).isEqualTo("staging");
    assertThat(promotion.bake()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void load_onlyAShareFolder_recordsWithoutWaitingForAnyone() throws IOException {
    PromotionConfig promotion =
        loader.load(write(REST + "promotion: {shared: /srv/shared}\n")).promotion();

    assertThat(promotion.after()).isNull();
    assertThat(promotion.bake()).isNull();
  }

  @Test
  void load_afterItself_isRefusedNamingTheField() throws IOException {
    Path file = write(REST + "promotion: {shared: /srv/shared, after: production}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("promotion.after")
        .hasMessageContaining("is this environment itself");
  }

  @Test
  void load_bakeWithoutAfter_isRefused() throws IOException {
    Path file = write(REST + "promotion: {shared: /srv/shared, bake: 2h}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("promotion.bake")
        .hasMessageContaining("add after: staging");
  }

  @Test
  void load_noSharedFolder_isRefused() throws IOException {
    Path file = write(REST + "promotion: {after: staging}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("promotion.shared");
  }

  @Test
  void load_aSharedDatabase_readsItAndItsPasswordFromTheEnvironment_aSecretToMask()
      throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                REST
                    + "promotion:\n  sharedDatabase: {host: db.internal, name: lockstep_shared,"
                    + " user: lockstep, password: {env: SHARED_PASSWORD}}\n  after: staging\n"));
    PromotionConfig promotion = config.promotion();

    assertThat(promotion.shared()).isNull();
    assertThat(promotion.sharedDatabase().toString())
        .isEqualTo("lockstep@db.internal:5432/lockstep_shared");
    assertThat(promotion.sharedDatabase().password().reveal()).isEqualTo("shared-secret-pw");
    assertThat(promotion.sharedPlace())
        .isEqualTo("database lockstep@db.internal:5432/lockstep_shared");
    assertThat(promotion.sharedField()).isEqualTo("promotion.sharedDatabase");
    assertThat(SecretRegistry.of(config).redact("shared: shared-secret-pw"))
        .isEqualTo("shared: ******");
  }

  @Test
  void load_aFolderAndADatabase_isRefused() throws IOException {
    Path file =
        write(
            REST
                + "promotion:\n  shared: /srv/shared\n  sharedDatabase: {name: lockstep_shared,"
                + " user: lockstep, password: {env: SHARED_PASSWORD}}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("promotion.sharedDatabase")
        .hasMessageContaining("keep one of them");
  }

  @Test
  void load_theProductsOwnDatabaseAsTheSharedOne_isRefused() throws IOException {
    Path file =
        write(
            REST
                + "promotion:\n  sharedDatabase: {name: notes, user: lockstep, password: {env:"
                + " SHARED_PASSWORD}}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("promotion.sharedDatabase.name")
        .hasMessageContaining("is the product's own database")
        .hasMessageContaining("use a database of its own");
  }

  @Test
  void load_aSharedDatabaseWithItsPasswordWritten_isRefusedNamingTheField() throws IOException {
    Path file =
        write(
            REST
                + "promotion:\n  sharedDatabase: {name: lockstep_shared, user: lockstep,"
                + " password: hunter22}\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("promotion.sharedDatabase.password")
        .hasMessageNotContaining("hunter22");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
