package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code target: {type: compose}} and what its services may say. */
class ComposeConfigTest {
  private static final String DATABASE =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      """;

  private static final String TARGET =
      """
      target:
        type: compose
        compose:
          project: notes
          files: [compose.yaml]
          envFiles: [.env]
          pins: .env.images
          migrate: migrate
      """;

  private static final String SERVICES =
      """
      services:
        api:
          image: NOTES_API_IMAGE
          stopTimeout: 5s
        worker:
          component: api
          image: NOTES_API_IMAGE
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @Test
  void load_composeTarget_resolvesPathsAndDefaults() throws IOException {
    DeploymentConfig config = loader.load(write(DATABASE + TARGET + SERVICES));

    ComposeConfig compose = config.target().compose();
    assertThat(config.target().type()).isEqualTo(TargetType.COMPOSE);
    assertThat(compose.project()).isEqualTo("notes");
    assertThat(compose.files()).containsExactly(dir.resolve("compose.yaml"));
    assertThat(compose.envFiles()).containsExactly(dir.resolve(".env"));
    assertThat(compose.pins()).isEqualTo(dir.resolve(".env.images"));
    assertThat(compose.migrate()).isEqualTo("migrate");
    assertThat(compose.profiles()).isEmpty();
    assertThat(compose.command()).isEmpty();
    assertThat(compose.runningWithin()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.services().get("api").image()).isEqualTo("NOTES_API_IMAGE");
    assertThat(config.services().get("api").stopTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void deployedComponents_countTheMigrateOneShotOnlyWhenItsImageIsPinned() throws IOException {
    String pinned = TARGET + "    migrateImage: NOTES_MIGRATE_IMAGE\n";

    assertThat(loader.load(write(DATABASE + TARGET + SERVICES)).deployedComponents())
        .containsExactly("api");
    assertThat(loader.load(write(DATABASE + pinned + SERVICES)).deployedComponents())
        .containsExactly("api", "migrate");
  }

  @Test
  void load_composeTarget_readsCommandProfilesAndWait() throws IOException {
    String target =
        TARGET + "    profiles: [deploy]\n    command: [podman-compose]\n    wait: 30s\n";

    ComposeConfig compose = loader.load(write(DATABASE + target + SERVICES)).target().compose();

    assertThat(compose.profiles()).containsExactly("deploy");
    assertThat(compose.command()).containsExactly("podman-compose");
    assertThat(compose.runningWithin()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void load_composeFieldsWithTheProcessTarget_areRefused() {
    String config =
        DATABASE
            + TARGET.replace("type: compose", "type: process")
            + "services:\n  api:\n    run: [java]\n    image: NOTES_API_IMAGE\n";

    assertRefused(config, "target.compose", "target.type is process", "set target.type: compose");
    assertRefused(config, "services.api.image", "belongs to the compose target", "remove it");
  }

  @Test
  void load_composeTargetWithoutItsSection_isRefused() {
    assertRefused(
        DATABASE + "target: {type: compose}\n" + SERVICES,
        "target.compose",
        "is required for the compose target",
        "project: notes");
  }

  @Test
  void load_composeSectionWithoutProjectFilesOrPins_namesEach() {
    String config =
        DATABASE + "target:\n  type: compose\n  compose: {profiles: [deploy]}\n" + SERVICES;

    assertRefused(config, "target.compose.project", "is required", "project: notes");
    assertRefused(config, "target.compose.files", "is required", "files: [compose.yaml]");
    assertRefused(config, "target.compose.pins", "is required", "pins: .env.images");
  }

  @Test
  void load_projectNameComposeRejects_isRefused() {
    assertRefused(
        DATABASE + TARGET.replace("project: notes", "project: Notes App") + SERVICES,
        "target.compose.project",
        "not a compose project name",
        "lower-case letters");
  }

  @Test
  void load_pinsFileAlsoAnEnvFile_isRefused() {
    assertRefused(
        DATABASE + TARGET.replace("envFiles: [.env]", "envFiles: [.env, ./.env.images]") + SERVICES,
        "target.compose.envFiles[1]",
        "is the pins file .env.images",
        "another env file");
  }

  @Test
  void load_migrateImage_isReadWithItsMigrateService() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                DATABASE
                    + TARGET.replace(
                        "migrate: migrate",
                        "migrate: migrate\n    migrateImage: NOTES_MIGRATE_IMAGE")
                    + SERVICES));

    assertThat(config.target().compose().migrateImage()).isEqualTo("NOTES_MIGRATE_IMAGE");
  }

  @Test
  void load_migrateImageWithoutAMigrateService_isRefused() {
    assertRefused(
        DATABASE
            + TARGET.replace("migrate: migrate", "migrateImage: NOTES_MIGRATE_IMAGE")
            + SERVICES,
        "target.compose.migrateImage",
        "target.compose.migrate is not set",
        "name the one-shot migrate service");
  }

  @Test
  void load_migrateImageThatIsAnImageReference_isRefused() {
    assertRefused(
        DATABASE
            + TARGET.replace(
                "migrate: migrate", "migrate: migrate\n    migrateImage: acme/migrate:1.0.0")
            + SERVICES,
        "target.compose.migrateImage",
        "is not an environment variable name",
        "migrateImage: NOTES_MIGRATE_IMAGE");
  }

  @Test
  void load_serviceWithoutImageVariable_isRefused() {
    assertRefused(
        DATABASE + TARGET + "services:\n  api:\n    stopTimeout: 5s\n",
        "services.api.image",
        "is required for the compose target",
        "image: NOTES_API_IMAGE");
  }

  @Test
  void load_imageReferenceInsteadOfVariable_isRefused() {
    assertRefused(
        DATABASE + TARGET + "services:\n  api:\n    image: ghcr.io/acme/api:1.0\n",
        "services.api.image",
        "not an env variable name",
        "image: NOTES_API_IMAGE");
  }

  @Test
  void load_otherTargetsFieldsOnAComposeService_areRefused() {
    for (String field :
        List.of("run: [java]", "stop: docker stop api", "install: x", "start: x", "env: {A: b}")) {
      String name = field.substring(0, field.indexOf(':'));
      assertRefused(
          DATABASE + TARGET + SERVICES + "    " + field + "\n",
          "services.worker." + name,
          "does not apply to the compose target",
          "remove it");
    }
  }

  @Test
  void load_unparsableWait_namesTheField() {
    assertRefused(
        DATABASE + TARGET + "    wait: soon\n" + SERVICES,
        "target.compose.wait",
        "is not a duration",
        "30s");
  }

  @Test
  void load_processAndCommandConfigs_stayValidWithoutCompose() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                DATABASE
                    + "target: {type: command}\nservices:\n  api: {stop: a, install: b, start:"
                    + " c}\n"));

    assertThat(config.target().compose()).isNull();
    assertThat(config.services().get("api").image()).isNull();
  }

  private void assertRefused(String yaml, String field, String message, String fix) {
    assertThatThrownBy(() -> loader.load(write(yaml)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(message)
        .hasMessageContaining(fix)
        .satisfies(e -> assertThat(((LockstepException) e).exitCode()).isEqualTo(2));
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
