package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup sets that an earlier Lockstep wrote (committed under {@code formats/backup/unversioned})
 * are verified and restored by this one: a backup taken today must restore after an upgrade of
 * Lockstep itself.
 */
@ExtendWith(PostgresExtension.class)
class BackupCompatibilityTest {
  @TempDir Path backups;
  @TempDir Path live;

  @Test
  void verify_setsWrittenBeforeVersions_restoreAndMatchTheirManifests(DatabaseConfig main)
      throws Exception {
    for (String kind : List.of("plain", "encrypted")) {
      String id =
          kind.equals("plain") ? BackupFormatsTest.PLAIN_ID : BackupFormatsTest.ENCRYPTED_ID;
      BackupStore store = copyOf(kind, id);

      VerificationResult result = store.verify(id, stores(main));

      assertThat(result.problems()).as(kind).isEmpty();
      assertThat(result.verified()).as(kind).isTrue();
      assertThat(result.parts())
          .as(kind)
          .extracting(PartVerification::store)
          .containsExactly("main", "uploads", "graph");
      assertThat(result.parts().get(0).tables())
          .as(kind)
          .extracting(TableComparison::table, TableComparison::restoredRows)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("public.notes", 5L),
              org.assertj.core.groups.Tuple.tuple("public.tags", 2L));
      assertThat(store.lastVerification(id)).as(kind).contains(result);
    }
  }

  @Test
  void restore_setWrittenBeforeVersions_bringsBackEveryStore(DatabaseConfig main) throws Exception {
    Sql.execute(main, "CREATE TABLE replaced_by_the_restore (x int)");
    List<StoreConfig> stores = stores(main);
    Files.writeString(live.resolve("graph-data/nodes.db"), "changed since the backup\n");
    BackupStore store = copyOf("encrypted", BackupFormatsTest.ENCRYPTED_ID);

    RestoreResult result = store.restore(BackupFormatsTest.ENCRYPTED_ID, stores);

    assertThat(result.stores()).containsExactly("main", "uploads", "graph");
    assertThat(Sql.queryLong(main, "SELECT count(*) FROM notes")).isEqualTo(5);
    assertThat(Sql.queryLong(main, "SELECT count(*) FROM tags")).isEqualTo(2);
    assertThat(
            Sql.queryLong(
                main, "SELECT count(*) FROM pg_tables WHERE tablename = 'replaced_by_the_restore'"))
        .isZero();
    assertThat(live.resolve("uploads/readme.txt")).hasContent("hello\n");
    assertThat(live.resolve("uploads/latest")).isSymbolicLink();
    assertThat(live.resolve("graph-data/nodes.db")).hasContent("node:1\nnode:2\n");
  }

  /** A store on {@link #backups} holding a copy of one committed set, with its settings. */
  private BackupStore copyOf(String kind, String id) throws Exception {
    BackupFormatsTest.copy(
        BackupFormatsTest.FORMATS.resolve("unversioned").resolve(kind).resolve(id),
        backups.resolve(id));
    BackupConfig settings =
        kind.equals("encrypted")
            ? Fixtures.encrypted(DumpFormat.CUSTOM, Fixtures.KEY_HEX)
            : Fixtures.settings(DumpFormat.DIRECTORY);
    return new BackupStore(backups, settings, PgTools.find(), Progress.NONE);
  }

  /** The stores the committed sets were taken of, here on this test's database and folders. */
  private List<StoreConfig> stores(DatabaseConfig main) throws Exception {
    Path uploads = live.resolve("uploads");
    Files.createDirectories(uploads);
    return List.of(
        StoreConfig.postgres("main", main),
        StoreConfig.files("uploads", uploads),
        Fixtures.graph("graph", live.resolve("graph-data"), true));
  }
}
