package dev.lockstep.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestLoaderTest {
  @TempDir Path releases;
  Path release;
  String manifest;

  @BeforeEach
  void writeRelease() throws IOException {
    release = Files.createDirectories(releases.resolve("1.1.0"));
    Files.writeString(release.resolve("api.jar"), "api bits");
    Files.createDirectories(release.resolve("migrations"));
    Files.writeString(release.resolve("migrations/V1__create.sql"), "CREATE TABLE t (id int);");
    Files.writeString(release.resolve("migrations/V2__add_tags.sql"), "ALTER TABLE t ADD c int;");
    manifest =
        """
        product: notes
        version: 1.1.0
        components:
          api:
            file: api.jar
            sha256: %s
          ui:
            image: ghcr.io/acme/ui@sha256:%s
        migrations:
          location: migrations
          scripts:
            - file: V1__create.sql
              class: expand
            - file: V2__add_tags.sql
              class: expand
        """
            .formatted(Sha256.of(release.resolve("api.jar")), "a".repeat(64));
  }

  @Test
  void get_loadsTheReleaseOfThatVersion() throws IOException {
    Files.writeString(release.resolve("release.yaml"), manifest);

    ReleaseManifest loaded = new ReleaseCatalog(releases).get(Version.parse("1.1.0"));

    assertThat(loaded.components()).containsOnlyKeys("api", "ui");
    assertThat(((FileArtifact) loaded.components().get("api").artifact()).path())
        .isEqualTo(release.resolve("api.jar"));
    assertThat(loaded.migrations())
        .extracting(MigrationScript::version, MigrationScript::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("2", MigrationClass.EXPAND));
    assertThat(loaded.migration("2").orElseThrow().description()).isEqualTo("add tags");
  }

  @Test
  void load_compatibleWith_listsTheReleasesThatCanServeBesideThisOne() throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(file, manifest + "compatibleWith: [1.0.0, 1.0.1]\n");

    ReleaseManifest loaded = new ManifestLoader().load(file);

    assertThat(loaded.compatibleWith())
        .containsExactly(Version.parse("1.0.0"), Version.parse("1.0.1"));
    assertThat(loaded.compatibleWith(Version.parse("1.0.1"))).isTrue();
    assertThat(loaded.compatibleWith(Version.parse("0.9.0"))).isFalse();
  }

  @Test
  void load_requires_readsTheRanges() throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(
        file,
        manifest
            + "requires:\n  postgres: \">=14\"\n  runtimes:\n"
            + "    - {name: node, command: node --version, range: \">=18 <21\"}\n");

    Requirements requires = new ManifestLoader().load(file).requires();

    assertThat(requires.postgres().contains("15.18")).isTrue();
    assertThat(requires.postgres().contains("13.9")).isFalse();
    assertThat(requires.runtimes())
        .singleElement()
        .extracting(Requirements.Runtime::command)
        .isEqualTo("node --version");
    assertThat(requires.runtimes().get(0).range().contains("18.17.0")).isTrue();
  }

  @Test
  void load_protocols_readsTheClientVersionsServedAndTheExtensionProtocol() throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(file, manifest + "protocols:\n  clients: [\"2\", 3]\n  extensions: \"3\"\n");

    Protocols protocols = new ManifestLoader().load(file).protocols();

    assertThat(protocols).isEqualTo(new Protocols(java.util.List.of("2", "3"), "3"));
    assertThat(protocols.serves("3")).isTrue();
    assertThat(protocols.serves("1")).isFalse();
  }

  @Test
  void load_noProtocols_declaresNone() throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(file, manifest);

    assertThat(new ManifestLoader().load(file).protocols()).isEqualTo(Protocols.NONE);
  }

  @Test
  void load_afterRollout_holdsTheMigrationBackUntilTheLastOneBeforeIt() throws IOException {
    Files.writeString(release.resolve("migrations/V3__drop_c.sql"), "ALTER TABLE t DROP c;");
    Path file = release.resolve("release.yaml");
    Files.writeString(
        file,
        manifest + "    - file: V3__drop_c.sql\n      class: contract\n      afterRollout: true\n");

    ReleaseManifest loaded = new ManifestLoader().load(file);

    assertThat(loaded.afterRollout())
        .extracting(MigrationScript::version, MigrationScript::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("3", MigrationClass.CONTRACT));
    assertThat(loaded.lastBeforeRollout()).contains("2");
    assertThat(loaded.migration("2").orElseThrow().afterRollout()).isFalse();
  }

  @Test
  void load_nothingHeldBack_hasNoLastBeforeRollout() throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(file, manifest);

    assertThat(new ManifestLoader().load(file).lastBeforeRollout()).isEmpty();
  }

  @Test
  void get_unknownVersion_listsTheKnownOnes() throws IOException {
    Files.writeString(release.resolve("release.yaml"), manifest);

    assertThatThrownBy(() -> new ReleaseCatalog(releases).get(Version.parse("9.9.9")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no release 9.9.9")
        .hasMessageContaining("[1.1.0]")
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.RELEASE_UNKNOWN));
  }

  static Stream<Arguments> badManifests() {
    return Stream.of(
        Arguments.of("version: 1.1.0", "version: latest", "version", "moving tag"),
        Arguments.of("version: 1.1.0", "version: ^1.1.0", "version", "version range"),
        Arguments.of(
            "ghcr.io/acme/ui@sha256:",
            "ghcr.io/acme/ui:latest #",
            "components.ui.image",
            "uses the tag latest"),
        Arguments.of(
            "ghcr.io/acme/ui@sha256:",
            "localhost:5000/acme/ui #",
            "components.ui.image",
            "pinned neither by digest nor by tag"),
        Arguments.of("file: api.jar", "file: missing.jar", "components.api.file", "does not exist"),
        Arguments.of(
            "    sha256: ", "    sha256: nothex #", "components.api.sha256", "is not a sha256"),
        Arguments.of(
            "class: expand\n    - file: V2",
            "class: sideways\n    - file: V2",
            "migrations.scripts[0].class",
            "not a migration class"),
        Arguments.of(
            "    - file: V2__add_tags.sql\n      class: expand\n",
            "",
            "migrations.scripts",
            "V2__add_tags.sql is in"),
        Arguments.of(
            "product: notes", "product: notes\nvendor: acme", "", "unknown field 'vendor'"),
        Arguments.of(
            "product: notes",
            "product: notes\ncompatibleWith: [1.0.0, 1.x]",
            "compatibleWith[1]",
            "1.x"),
        Arguments.of(
            "product: notes",
            "product: notes\nrequires: {postgres: banana}",
            "requires.postgres",
            "'banana' is not a version range"),
        Arguments.of(
            "product: notes",
            "product: notes\nrequires: {runtimes: [{name: node, range: \">=18\"}]}",
            "requires.runtimes[0].command",
            "node --version"),
        Arguments.of(
            "product: notes",
            "product: notes\ncompatibleWith: [1.1.0]",
            "compatibleWith[0]",
            "names this release itself"),
        Arguments.of(
            "    - file: V1__create.sql\n      class: expand\n",
            "    - file: V1__create.sql\n      class: contract\n      afterRollout: true\n",
            "migrations.scripts[1]",
            "V2 runs before the rollout but has a higher version than V1"),
        Arguments.of(
            "product: notes",
            "product: notes\nprotocols: {clients: [\"2\", \"3\", \"2\"]}",
            "protocols.clients[2]",
            "names '2' twice"),
        Arguments.of(
            "product: notes",
            "product: notes\nprotocols: {clients: []}",
            "protocols.clients",
            "would serve no client at all"),
        Arguments.of(
            "product: notes",
            "product: notes\nprotocols: {extensions: three}",
            "protocols.extensions",
            "'three' is not a version"),
        Arguments.of(
            "product: notes",
            "product: notes\nprotocols: {serves: [\"3\"]}",
            "",
            "unknown field 'serves'"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("badManifests")
  void load_badManifest_namesFieldAndFix(String from, String to, String field, String message)
      throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(file, manifest.replace(from, to));

    assertThatThrownBy(() -> new ManifestLoader().load(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(field)
        .hasMessageContaining(message)
        .hasMessageContaining("Fix:")
        .satisfies(e -> assertThat(((LockstepException) e).exitCode()).isEqualTo(2));
  }

  @ParameterizedTest
  @MethodSource("pinnedImages")
  void load_imagePinnedByTagOrDigest_isAccepted(String image) throws IOException {
    Path file = release.resolve("release.yaml");
    Files.writeString(
        file, manifest.replaceAll("ghcr.io/acme/ui@sha256:a+", image.replace("$", "\\$")));

    assertThat(new ManifestLoader().load(file).component("ui").orElseThrow().artifact())
        .isEqualTo(new Artifact.ImageArtifact(image));
  }

  static Stream<String> pinnedImages() {
    return Stream.of(
        "ghcr.io/acme/ui:1.1.0",
        "localhost:5000/acme/ui:v1.1.0-rc.1",
        "localhost/lockstep-notes/ui:1.1.0",
        "ghcr.io/acme/ui@sha256:" + "b".repeat(64));
  }

  @Test
  void get_versionThatDisagreesWithItsFolder_isRefused() throws IOException {
    Files.writeString(
        release.resolve("release.yaml"), manifest.replace("version: 1.1.0", "version: 1.2.0"));

    assertThatThrownBy(() -> new ReleaseCatalog(releases).get(Version.parse("1.1.0")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("says 1.2.0");
  }

  @Test
  void load_linksAndSubFoldersInsideTheRelease_areAccepted() throws IOException {
    Files.createDirectories(release.resolve("bin"));
    Files.move(release.resolve("api.jar"), release.resolve("bin/api-1.1.0.jar"));
    Files.createSymbolicLink(release.resolve("api.jar"), Path.of("bin/api-1.1.0.jar"));
    Files.createDirectories(release.resolve("migrations/later"));
    Files.writeString(release.resolve("migrations/later/V3__index.sql"), "CREATE INDEX ON t (id);");
    Path file = release.resolve("release.yaml");
    Files.writeString(file, manifest + "    - file: later/V3__index.sql\n      class: expand\n");

    ReleaseManifest loaded = new ManifestLoader().load(file);

    assertThat(((FileArtifact) loaded.components().get("api").artifact()).path())
        .isEqualTo(release.resolve("api.jar"));
    assertThat(loaded.migration("3").orElseThrow().file())
        .isEqualTo(release.resolve("migrations/later/V3__index.sql"));
  }

  @Test
  void get_folderNamedLikeAVersionTooLargeForOne_isLeftOutOfTheKnownReleases() throws IOException {
    Files.writeString(release.resolve("release.yaml"), manifest);
    Files.createDirectories(releases.resolve("4294967296.0.0"));
    Files.writeString(releases.resolve("4294967296.0.0/release.yaml"), manifest);

    assertThat(new ReleaseCatalog(releases).versions()).containsExactly(Version.parse("1.1.0"));
  }
}
