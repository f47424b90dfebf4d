package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** File trees restored exactly, command stores loaded back, and restores of some parts only. */
@ExtendWith(PostgresExtension.class)
class FileTreeRestoreTest {
  @TempDir Path backups;
  @TempDir Path live;

  @Test
  void restore_fileTree_isExactlyAsBackedUpLikeRsyncDelete() throws Exception {
    Path uploads = Fixtures.tree(live.resolve("uploads"));
    Files.setAttribute(uploads.resolve("readme.txt"), "unix:mode", 04640);
    FileTime written = FileTime.from(Instant.parse("2025-06-01T10:00:00Z"));
    Files.setLastModifiedTime(uploads.resolve("docs/a.txt"), written);
    List<StoreConfig> stores = List.of(StoreConfig.files("uploads", uploads));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());

    Files.writeString(uploads.resolve("created-later.txt"), "new");
    Files.createDirectories(uploads.resolve("new-folder/inner"));
    Files.delete(uploads.resolve("docs/deep/b.bin"));
    Files.writeString(uploads.resolve("docs/a.txt"), "changed");
    Files.setPosixFilePermissions(
        uploads.resolve("run.sh"), PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.delete(uploads.resolve("latest"));
    Files.createSymbolicLink(uploads.resolve("latest"), Path.of("readme.txt"));
    Files.delete(uploads.resolve("empty"));

    RestoreResult result = store.restore(set.id(), stores);

    assertThat(result.stores()).containsExactly("uploads");
    try (Stream<Path> all = Files.walk(uploads)) {
      assertThat(all.map(p -> uploads.relativize(p).toString()))
          .containsExactlyInAnyOrder(
              "",
              "docs",
              "docs/a.txt",
              "docs/deep",
              "docs/deep/b.bin",
              "empty",
              "latest",
              "readme.txt",
              "run.sh");
    }
    assertThat(Files.readString(uploads.resolve("docs/a.txt"))).isEqualTo("a".repeat(3000));
    assertThat(Files.getLastModifiedTime(uploads.resolve("docs/a.txt"))).isEqualTo(written);
    assertThat(Files.readAllBytes(uploads.resolve("docs/deep/b.bin")))
        .containsExactly(0x00, 0xff, 0x10, 0xee);
    assertThat(mode(uploads.resolve("run.sh"))).isEqualTo("rwxr-x---");
    assertThat(mode(uploads.resolve("docs"))).isEqualTo("rwxr-x---");
    assertThat((Integer) Files.getAttribute(uploads.resolve("readme.txt"), "unix:mode") & 07777)
        .isEqualTo(04640);
    assertThat(Files.readSymbolicLink(uploads.resolve("latest"))).isEqualTo(Path.of("docs/a.txt"));
    try (Stream<Path> siblings = Files.list(live)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("uploads");
    }
  }

  @Test
  void restore_liveFolderGone_isCreated() throws Exception {
    Path uploads = Fixtures.tree(live.resolve("data/uploads"));
    List<StoreConfig> stores = List.of(StoreConfig.files("uploads", uploads));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    dev.lockstep.core.io.SecureFiles.deleteTree(live.resolve("data"));

    store.restore(set.id(), stores);

    assertThat(Files.readString(uploads.resolve("readme.txt"))).isEqualTo("hello\n");
    assertThat(Files.isSymbolicLink(uploads.resolve("latest"))).isTrue();
  }

  @Test
  void restore_commandStore_runsItsLoadCommandOnTheDump() throws Exception {
    Path data = live.resolve("graph-data");
    List<StoreConfig> stores = List.of(Fixtures.graph("graph", data, true));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Files.writeString(data.resolve("nodes.db"), "node:1\nnode:2\nnode:3\n");
    Files.delete(data.resolve("edges.db"));

    store.restore(set.id(), stores);

    assertThat(Files.readString(data.resolve("nodes.db"))).isEqualTo("node:1\nnode:2\n");
    assertThat(Files.readString(data.resolve("edges.db"))).isEqualTo("1->2\n");
  }

  @Test
  void restore_withAPredicate_restoresOnlyThoseParts(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 6);
    Path uploads = Fixtures.tree(live.resolve("uploads"));
    List<StoreConfig> stores =
        List.of(StoreConfig.postgres("main", db), StoreConfig.files("uploads", uploads));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('kept: not restored')");
    Files.writeString(uploads.resolve("created-later.txt"), "new");

    RestoreResult result = store.restore(set.id(), stores, s -> s.kind() == StoreConfig.Kind.FILES);

    assertThat(result.stores()).containsExactly("uploads");
    assertThat(uploads.resolve("created-later.txt")).doesNotExist();
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(7);
  }

  @Test
  void restore_everyPartButOneIsNotConfigured_isRefusedBeforeTouchingAnything(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 6);
    Path uploads = Fixtures.tree(live.resolve("uploads"));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set =
        store.create(
            List.of(StoreConfig.postgres("main", db), StoreConfig.files("uploads", uploads)),
            Fixtures.request());
    Files.writeString(uploads.resolve("created-later.txt"), "new");

    assertThatThrownBy(
            () -> store.restore(set.id(), List.of(StoreConfig.files("uploads", uploads))))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.RESTORE_REFUSED);
              assertThat(e.getMessage()).contains("'main'").contains("does not have");
            });
    assertThat(uploads.resolve("created-later.txt")).exists();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
