package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promotion}: the environments' shared folder, and which one runs a release first. */
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

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

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

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
