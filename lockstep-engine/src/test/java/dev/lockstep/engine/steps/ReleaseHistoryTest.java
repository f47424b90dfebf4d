package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.HistoryRef;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.history.DirtyState;
import dev.lockstep.history.HistoryEntry;
import dev.lockstep.history.HistoryFormat;
import dev.lockstep.history.MigrationHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReleaseHistoryTest {

  @Test
  void format_asAManifestWritesIt_isTheTool() {
    assertThat(ReleaseHistory.format(new HistoryRef("golang-migrate", null)))
        .isEqualTo(HistoryFormat.GOLANG_MIGRATE);
    assertThat(ReleaseHistory.format(new HistoryRef("prisma", "app._prisma_migrations")))
        .isEqualTo(HistoryFormat.PRISMA);
    assertThatThrownBy(() -> ReleaseHistory.format(new HistoryRef("mybatis", null)))
        .isInstanceOf(LockstepException.class)
        .satisfies(
            e ->
                assertThat(((LockstepException) e).errorCode())
                    .isEqualTo(ErrorCode.MANIFEST_INVALID))
        .hasMessageContaining("golang-migrate");
  }

  @Test
  void inDatabase_golangMigrateLeftDirty_countsTheDirtyVersionAsRun() {
    ReleaseManifest previous = release("1.0.0", "1", "2");
    ReleaseManifest leaving = release("1.1.0", "1", "2", "3");
    MigrationHistory history =
        new MigrationHistory(
            HistoryFormat.GOLANG_MIGRATE,
            "public.schema_migrations",
            List.of(entry("3", false)),
            List.of(new DirtyState(HistoryFormat.GOLANG_MIGRATE, "dirty", "force")));

    assertThat(ReleaseHistory.inDatabase(history, previous, leaving))
        .containsExactly("1", "2", "3");
  }

  @Test
  void inDatabase_prismaFailedRowAndAnUndeclaredOne_areBothCounted() {
    ReleaseManifest previous = release("1.0.0", "20260101_a");
    ReleaseManifest leaving = release("1.1.0", "20260101_a", "20260201_b");
    MigrationHistory history =
        new MigrationHistory(
            HistoryFormat.PRISMA,
            "public._prisma_migrations",
            List.of(entry("20260101_a", true), entry("20260201_b", false), entry("hotfix", true)),
            List.of());

    assertThat(ReleaseHistory.inDatabase(history, previous, leaving))
        .containsExactly("20260101_a", "20260201_b", "hotfix");
    assertThat(ReleaseHistory.unfinished(history, ReleaseHistory.declaredIds(leaving)))
        .containsExactly("20260201_b");
  }

  @Test
  void unknown_rowsAtOrBeforeTheManifestsBaseline_areHistoryNotUnknown() {
    ReleaseManifest release = withBaseline(release("2.0.0", "20260301_c"), "20260201_b");
    MigrationHistory history =
        new MigrationHistory(
            HistoryFormat.PRISMA,
            "public._prisma_migrations",
            List.of(
                entry("20260101_a", true),
                entry("20260201_b", true),
                entry("20260301_c", true),
                entry("hotfix", true)),
            List.of());

    assertThat(ReleaseHistory.unknown(history, release, ReleaseHistory.declaredIds(release)))
        .containsExactly("hotfix");
    assertThat(
            ReleaseHistory.unknown(history, release("2.0.0", "20260301_c"), List.of("20260301_c")))
        .containsExactly("20260101_a", "20260201_b", "hotfix");
    assertThat(ReleaseHistory.inDatabase(history, null, release))
        .containsExactly("20260301_c", "hotfix");
  }

  @Test
  void applied_numberedIds_compareByNumberAndKeepTheManifestsSpelling() {
    MigrationHistory history =
        new MigrationHistory(
            HistoryFormat.RAILS, "public.schema_migrations", List.of(entry("7", true)), List.of());

    assertThat(ReleaseHistory.applied(history, List.of("007", "8"))).containsExactly("007");
  }

  @Test
  void describe_idsOfTheTools_areSaidInWords() {
    assertThat(ReleaseHistory.describe("20260315_add_foo_index")).isEqualTo("add foo index");
    assertThat(ReleaseHistory.describe("0002-add-tags")).isEqualTo("add tags");
    assertThat(ReleaseHistory.describe("20260315")).isEmpty();
  }

  private static HistoryEntry entry(String id, boolean success) {
    return new HistoryEntry(id, null, Instant.EPOCH, success, null, null, null);
  }

  private static ReleaseManifest withBaseline(ReleaseManifest release, String baseline) {
    return new ReleaseManifest(
        release.file(),
        release.product(),
        release.version(),
        release.components(),
        release.migrationsDir(),
        release.migrations(),
        release.notes(),
        release.runner(),
        new HistoryRef("prisma", null, baseline),
        null);
  }

  private static ReleaseManifest release(String version, String... ids) {
    return new ReleaseManifest(
        Path.of("release.yaml"),
        "p",
        Version.parse(version),
        Map.of(),
        null,
        Stream.of(ids).map(id -> new MigrationScript(id, id, null, MigrationClass.EXPAND)).toList(),
        null,
        MigrationRunnerKind.COMMAND,
        new HistoryRef("prisma", null),
        null);
  }
}
