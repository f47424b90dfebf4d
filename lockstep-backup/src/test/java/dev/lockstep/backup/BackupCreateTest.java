package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Creating sets: formats, and failures that must leave nothing behind. */
@ExtendWith(PostgresExtension.class)
class BackupCreateTest {
  @TempDir Path backups;
  @TempDir Path scratch;

  @ParameterizedTest
  @EnumSource(DumpFormat.class)
  void create_eachFormat_writesItsLayout(DumpFormat format, DatabaseConfig db) {
    Fixtures.seed(db, 10);
    BackupStore store =
        new BackupStore(backups, Fixtures.settings(format), PgTools.find(), Progress.NONE);

    BackupPart part =
        store.create(List.of(StoreConfig.postgres("main", db)), Fixtures.request()).parts().get(0);

    if (format == DumpFormat.CUSTOM) {
      assertThat(part.format()).isEqualTo("custom");
      assertThat(part.files())
          .extracting(BackupFile::path)
          .containsExactly("postgres/main/database.dump");
    } else {
      assertThat(part.format()).isEqualTo("directory");
      assertThat(part.files())
          .extracting(BackupFile::path)
          .contains("postgres/main/toc.dat")
          .allMatch(p -> p.startsWith("postgres/main/"));
    }
    assertThat(part.bytes()).isEqualTo(part.files().stream().mapToLong(BackupFile::size).sum());
  }

  @Test
  void create_compressionZero_writesUncompressedDumpAndTar(DatabaseConfig db, @TempDir Path tree)
      throws Exception {
    Fixtures.seed(db, 10);
    BackupConfig settings = new BackupConfig(null, DumpFormat.DIRECTORY, 1, 0, null, false, null);
    BackupStore store = new BackupStore(backups, settings, PgTools.find(), Progress.NONE);

    BackupSet set =
        store.create(
            List.of(
                StoreConfig.postgres("main", db), StoreConfig.files("tree", Fixtures.tree(tree))),
            Fixtures.request());

    assertThat(set.part("main").orElseThrow().files())
        .extracting(BackupFile::path)
        .noneMatch(p -> p.endsWith(".gz"));
    assertThat(set.part("tree").orElseThrow().format()).isEqualTo("tar");
    assertThat(
            store
                .verify(set.id(), List.of(StoreConfig.postgres("main", db)))
                .parts()
                .get(0)
                .verified())
        .isTrue();
  }

  @Test
  void create_dumpCommandFailsMidway_leavesNothingAndNamesStoreCommandAndError(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 3);
    StoreConfig graph =
        StoreConfig.command(
            "graph",
            "head -c 200000 /dev/urandom > {dir}/graph.dump"
                + " && echo 'graphdump: write failed: No space left on device' >&2 && exit 1",
            "true",
            null);
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE);

    assertThatThrownBy(
            () ->
                store.create(List.of(StoreConfig.postgres("main", db), graph), Fixtures.request()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_FAILED);
              assertThat(e.getMessage())
                  .contains("store 'graph'")
                  .contains("head -c 200000 /dev/urandom")
                  .contains("exited with 1")
                  .contains("No space left on device")
                  .contains("no backup was kept");
            });
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).isEmpty();
    }
    assertThat(store.list()).isEmpty();
  }

  @Test
  void create_pgDumpFailsMidway_leavesNothingAndQuotesItsError(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 5);
    Path fake =
        Fixtures.script(
            scratch,
            "pg_dump",
            """
            for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
            head -c 5000 /dev/zero > "$f/toc.dat"
            echo "pg_dump: error: query failed: server closed the connection" >&2
            exit 1
            """);
    BackupStore store =
        new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.DIRECTORY),
            PgTools.find().with("pg_dump", fake),
            Progress.NONE);

    assertThatThrownBy(
            () -> store.create(List.of(StoreConfig.postgres("main", db)), Fixtures.request()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_FAILED);
              assertThat(e.getMessage())
                  .contains("store 'main'")
                  .contains("server closed the connection")
                  .contains("exited with 1")
                  .doesNotContain(db.password().reveal());
            });
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void create_pgDumpMissing_isToolMissingAndNoOtherPartRuns(
      boolean postgresFirst, DatabaseConfig db) throws Exception {
    Path ran = scratch.resolve("graph-dump-ran");
    StoreConfig graph = StoreConfig.command("graph", "touch " + ran, "true", null);
    StoreConfig main = StoreConfig.postgres("main", db);
    BackupStore store =
        new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.DIRECTORY),
            PgTools.find().with("pg_dump", scratch.resolve("no-such-pg_dump")),
            Progress.NONE);

    assertThatThrownBy(
            () ->
                store.create(
                    postgresFirst ? List.of(main, graph) : List.of(graph, main),
                    Fixtures.request()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.TOOL_MISSING);
              assertThat(e.getMessage()).contains("no-such-pg_dump");
            });
    assertThat(ran).doesNotExist();
    assertThat(backups).isEmptyDirectory();
  }

  @Test
  void create_removesWhatAKilledBackupLeftBehind(@TempDir Path data) throws Exception {
    Path abandoned = backups.resolve("20260101-000000-dead.partial");
    Files.createDirectories(abandoned.resolve("postgres/main"));
    Files.writeString(abandoned.resolve("postgres/main/toc.dat"), "half a dump");
    Files.createDirectories(backups.resolve("20260101-000000-dead.verify-main-0a1b.tmp"));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);

    BackupSet set = store.create(List.of(Fixtures.graph("graph", data, true)), Fixtures.request());

    try (Stream<Path> entries = Files.list(backups)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(set.id());
    }
  }

  @Test
  void create_folderThatDoesNotExist_failsNamingIt() {
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    Path missing = scratch.resolve("no-such-folder");

    assertThatThrownBy(
            () -> store.create(List.of(StoreConfig.files("uploads", missing)), Fixtures.request()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_FAILED);
              assertThat(e.getMessage()).contains(missing.toString()).contains("does not exist");
            });
    assertThat(store.list()).isEmpty();
  }

  @Test
  void create_storeNamesThatCannotBeFolders_areRefusedBeforeAnythingIsWritten() {
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);

    assertThatThrownBy(
            () ->
                store.create(
                    List.of(StoreConfig.command("../etc", "true", "true", null)),
                    Fixtures.request()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID));
    assertThat(backups).isEmptyDirectory();
  }

  @Test
  void create_passwordReachesPgDumpOnlyThroughAPasswordFile(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 2);
    Path record = scratch.resolve("record.txt");
    Path spy =
        Fixtures.script(
            scratch,
            "pg_dump",
            "{ echo \"ARGS $*\"; echo \"PGPASSWORD=${PGPASSWORD:-unset}\";"
                + " echo \"PGPASSFILE=$PGPASSFILE\"; cat \"$PGPASSFILE\"; } > "
                + record
                + "\nexec "
                + PgTools.find().pgDump()
                + " \"$@\"\n");
    BackupStore store =
        new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.CUSTOM),
            PgTools.find().with("pg_dump", spy),
            Progress.NONE);

    store.create(List.of(StoreConfig.postgres("main", db)), Fixtures.request());

    String recorded = Files.readString(record);
    String password = db.password().reveal();
    String args = recorded.lines().filter(l -> l.startsWith("ARGS ")).findFirst().orElseThrow();
    assertThat(args).contains("--snapshot=").doesNotContain(password);
    assertThat(recorded).contains("PGPASSWORD=unset").contains(":*:lockstep:" + password);
    Path passFile =
        Path.of(
            recorded
                .lines()
                .filter(l -> l.startsWith("PGPASSFILE="))
                .findFirst()
                .orElseThrow()
                .substring("PGPASSFILE=".length()));
    assertThat(passFile).doesNotExist();
  }

  @Test
  void get_unknownId_listsTheKnownOnes(@TempDir Path data) throws Exception {
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet known =
        store.create(List.of(Fixtures.graph("graph", data, true)), Fixtures.request());

    assertThatThrownBy(() -> store.get("../" + known.id()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_UNKNOWN);
              assertThat(e.getMessage()).contains("Known backups: " + known.id());
            });
  }
}
