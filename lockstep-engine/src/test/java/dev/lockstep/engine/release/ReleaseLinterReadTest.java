package dev.lockstep.engine.release;

import static dev.lockstep.engine.release.TestReleases.migration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code release lint} without {@code --observe}: it never calls OK what it could not decide. */
class ReleaseLinterReadTest {
  private static final String CREATE =
      "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(200), state text DEFAULT 'new');";

  @TempDir Path releases;
  private final ReleaseLinter linter = new ReleaseLinter(TestServers::refuse);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER TABLE orders ALTER COLUMN note TYPE varchar(20);",
        "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;",
        "ALTER TABLE orders ALTER COLUMN state DROP DEFAULT;",
        "ALTER TABLE orders ADD CONSTRAINT short_note CHECK (length(note) < 50);",
      })
  void read_whatOnlyRunningDecides_isUndecidedAndExits1(String sql) {
    ReleaseManifest release =
        TestReleases.write(
            releases,
            "1.1.0",
            List.of(
                migration("V1__orders.sql", "expand", CREATE),
                migration("V2__change.sql", "expand", sql)));

    ReleaseLintResult result = linter.read(List.of(release));

    MigrationLint changed = result.releases().get(0).migrations().get(1);
    assertThat(changed.verdict()).isEqualTo(LintVerdict.UNDECIDED);
    assertThat(changed.read()).isNull();
    assertThat(changed.measured()).isNull();
    assertThat(changed.undecided())
        .singleElement()
        .satisfies(u -> assertThat(u.why()).isNotBlank());
    assertThat(result.verdict()).isEqualTo(LintVerdict.UNDECIDED);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.observed()).isFalse();
    assertThat(result.timezone()).isNull();
  }

  @Test
  void read_undecidedButDeclaredContract_holds() {
    ReleaseManifest release =
        TestReleases.write(
            releases,
            "2.0.0",
            List.of(
                migration("V1__orders.sql", "expand", CREATE),
                migration(
                    "V2__narrow.sql",
                    "contract",
                    "ALTER TABLE orders ALTER COLUMN note TYPE varchar(20);")));

    ReleaseLintResult result = linter.read(List.of(release));

    assertThat(result.verdict()).isEqualTo(LintVerdict.HOLDS);
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void read_aRenameDeclaredExpand_isMisclassified() {
    ReleaseManifest release =
        TestReleases.write(
            releases,
            "2.0.0",
            List.of(
                migration("V1__orders.sql", "expand", CREATE),
                migration(
                    "V2__rename.sql",
                    "expand",
                    "ALTER TABLE orders RENAME COLUMN note TO remark;")));

    ReleaseLintResult result = linter.read(List.of(release));

    MigrationLint rename = result.releases().get(0).migrations().get(1);
    assertThat(rename.read()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(rename.misclassified()).isTrue();
    assertThat(result.releases().get(0).failed()).isTrue();
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void read_onlyKnownExpandMigrations_holdsAndExits0() {
    ReleaseManifest release =
        TestReleases.write(
            releases,
            "1.1.0",
            List.of(
                migration("V1__orders.sql", "expand", CREATE),
                migration("V2__add.sql", "expand", "ALTER TABLE orders ADD COLUMN paid_at date;")));

    ReleaseLintResult result = linter.read(List.of(release));

    assertThat(result.releases().get(0).migrations())
        .extracting(MigrationLint::read)
        .containsExactly(MigrationClass.EXPAND, MigrationClass.EXPAND);
    assertThat(result.verdict()).isEqualTo(LintVerdict.HOLDS);
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void read_severalReleases_oldestFirstAndWorstVerdictWins() {
    ReleaseManifest newer =
        TestReleases.write(
            releases,
            "1.1.0",
            List.of(
                migration("V1__orders.sql", "expand", CREATE),
                migration(
                    "V2__nn.sql", "expand", "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;")));
    ReleaseManifest older =
        TestReleases.write(
            releases, "1.0.0", List.of(migration("V1__orders.sql", "expand", CREATE)));

    ReleaseLintResult result = linter.read(List.of(newer, older));

    assertThat(result.releases())
        .extracting(ReleaseLintReport::version, ReleaseLintReport::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1.0.0", LintVerdict.HOLDS),
            org.assertj.core.groups.Tuple.tuple("1.1.0", LintVerdict.UNDECIDED));
    assertThat(result.verdict()).isEqualTo(LintVerdict.UNDECIDED);
  }

  @Test
  void observe_aReleaseThatMigratesItself_stopsBeforeStartingAServer() throws Exception {
    Path folder = releases.resolve("3.0.0");
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("release.yaml"),
        String.join(
            "\n",
            "product: shop",
            "version: 3.0.0",
            "components:",
            "  api:",
            "    image: example/api@sha256:" + "c".repeat(64),
            "migrations:",
            "  runner: startup",
            "  history: {format: prisma}",
            "  scripts:",
            "    - id: 20260315_add_index",
            "      class: expand",
            ""));
    ReleaseManifest selfMigrating = new ManifestLoader().load(folder.resolve("release.yaml"));
    ReleaseManifest plain =
        TestReleases.write(releases, "1.0.0", List.of(migration("V1__o.sql", "expand", CREATE)));

    assertThatThrownBy(
            () -> linter.observe(List.of(plain, selfMigrating), LintTimezone.assumed(), null))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("Release 3.0.0 migrates itself (startup)");
  }
}
