package dev.lockstep.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrations.baseline}: a manifest lists the migrations it adds, not every one ever. */
class ManifestBaselineTest {
  @TempDir Path release;

  private Path manifest(String file, String version, String migrations) throws IOException {
    Path path = release.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(
        path,
        """
        product: notes
        version: %s
        components:
          api:
            image: ghcr.io/acme/api@sha256:%s
        migrations:
        %s
        """
            .formatted(version, "a".repeat(64), migrations.indent(2)));
    return path;
  }

  private static ReleaseManifest load(Path file) {
    return new ManifestLoader().load(file);
  }

  @Test
  void load_baselineId_isKeptWithTheHistory() throws IOException {
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex, table: acme_migrations}
            baseline: 20240101120000_init.js
            scripts:
              - {id: 20240301090000_add_tags.js, class: expand}
            """);

    ReleaseManifest loaded = load(file);

    assertThat(loaded.history())
        .isEqualTo(new HistoryRef("knex", "acme_migrations", "20240101120000_init.js"));
    assertThat(loaded.migrations())
        .extracting(MigrationScript::version)
        .containsExactly("20240301090000_add_tags.js");
  }

  @Test
  void load_numericBaseline_isTheIdAsWritten() throws IOException {
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: startup
            history: {format: goose}
            baseline: 20240101120000
            scripts:
              - {id: '20240301090000', class: expand}
            """);

    assertThat(load(file).history().baseline()).isEqualTo("20240101120000");
  }

  @Test
  void load_baselineManifest_inheritsItsMigrationsAndBaseline() throws IOException {
    manifest(
        "previous/release.yaml",
        "1.0.0",
        """
        runner: command
        history: {format: knex}
        baseline: 20230101000000_init.js
        scripts:
          - {id: 20240101120000_create_notes.js, class: expand}
          - {id: 20240201120000_drop_legacy.js, class: contract}
        """);
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex}
            baseline: {manifest: previous/release.yaml}
            scripts:
              - {id: 20240301090000_add_tags.js, class: expand}
            """);

    ReleaseManifest loaded = load(file);

    assertThat(loaded.history().baseline()).isEqualTo("20230101000000_init.js");
    assertThat(loaded.migrations())
        .extracting(MigrationScript::version, MigrationScript::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "20240101120000_create_notes.js", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple(
                "20240201120000_drop_legacy.js", MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple(
                "20240301090000_add_tags.js", MigrationClass.EXPAND));
  }

  @Test
  void load_migrationDeclaredAgainAfterItsBaselineManifest_isRefused() throws IOException {
    manifest(
        "previous/release.yaml",
        "1.0.0",
        """
        runner: command
        history: {format: knex}
        scripts:
          - {id: 1_init.js, class: expand}
        """);
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex}
            baseline: {manifest: previous/release.yaml}
            scripts:
              - {id: 1_init.js, class: expand}
            """);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("migrations.scripts")
        .hasMessageContaining("1_init.js is declared here and in the manifest of");
  }

  @Test
  void load_baselineManifestOfAnotherTool_isRefused() throws IOException {
    manifest(
        "previous/release.yaml",
        "1.0.0",
        """
        runner: command
        history: {format: prisma}
        scripts: []
        """);
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex}
            baseline: {manifest: previous/release.yaml}
            scripts: []
            """);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("migrations.baseline.manifest")
        .hasMessageContaining("records its migrations with prisma, not knex");
  }

  @Test
  void load_manifestThatInheritsFromItself_isRefused() throws IOException {
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex}
            baseline: {manifest: release.yaml}
            scripts: []
            """);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("inherits from itself");
  }

  @Test
  void load_baselineManifestOutsideTheRelease_isRefused() throws IOException {
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex}
            baseline: {manifest: ../1.0.0/release.yaml}
            scripts: []
            """);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("migrations.baseline.manifest")
        .hasMessageContaining("is outside the release folder");
  }

  @Test
  void load_baselineOfAnotherShape_namesBothForms() throws IOException {
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            runner: command
            history: {format: knex}
            baseline: [a, b]
            scripts: []
            """);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("migrations.baseline")
        .hasMessageContaining("is neither an id nor {manifest: <file>}")
        .hasMessageContaining("baseline: {manifest:");
  }

  @Test
  void load_baselineWithLockstepsRunner_isRefused() throws IOException {
    Files.createDirectories(release.resolve("migrations"));
    Path file =
        manifest(
            "release.yaml",
            "2.0.0",
            """
            location: migrations
            baseline: '3'
            scripts: []
            """);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("migrations.baseline")
        .hasMessageContaining("set migrations.runner to command or startup");
  }
}
