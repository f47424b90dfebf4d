package dev.lockstep.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.RecordingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class BackupCreateTest {
  @TempDir Path backups;
  @TempDir Path scratch;

  @Test
  void create_customFormat_writesDumpManifestAndRowCounts(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 40);
    RecordingProgress progress = new RecordingProgress();
    BackupStore store = new BackupStore(backups, PgTools.find(), progress);

    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.CUSTOM));

    assertThat(manifest.id()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(manifest.format()).isEqualTo("custom");
    assertThat(manifest.database()).isEqualTo(db.name());
    assertThat(manifest.runId()).isEqualTo("run-1");
    assertThat(manifest.release()).isEqualTo("2.3.0");
    assertThat(manifest.serverVersion()).matches("\\d+\\.\\d+");
    assertThat(manifest.tableRows())
        .containsExactly(Map.entry("public.notes", 40L), Map.entry("public.tags", 20L));
    Path folder = backups.resolve(manifest.id());
    assertThat(manifest.files()).hasSize(1);
    BackupFile dump = manifest.files().get(0);
    assertThat(dump.path()).isEqualTo("db/" + db.name() + ".dump");
    assertThat(dump.sha256()).isEqualTo(Sha256.of(folder.resolve(dump.path())));
    assertThat(manifest.totalBytes()).isEqualTo(dump.size()).isPositive();
    assertThat(folder.resolve("manifest.json")).exists();
    assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"createdAt\" : \"20");
    assertOwnerOnly(folder);
    assertThat(store.get(manifest.id())).isEqualTo(manifest);

    RecordingProgress.Task bar = progress.task("backup " + db.name());
    assertThat(bar.unit()).isEqualTo(Progress.Unit.BYTES);
    assertThat(bar.done()).isEqualTo(bar.total()).isEqualTo(dump.size());
    assertThat(bar.closed()).isTrue();
  }

  @Test
  void create_directoryFormat_checksumsEveryFile(DatabaseConfig db) {
    Fixtures.seed(db, 10);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);

    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.DIRECTORY));

    assertThat(manifest.format()).isEqualTo("directory");
    assertThat(manifest.files())
        .extracting(BackupFile::path)
        .contains("db/" + db.name() + "/toc.dat")
        .allMatch(p -> p.startsWith("db/" + db.name() + "/"));
    assertThat(manifest.totalBytes())
        .isEqualTo(manifest.files().stream().mapToLong(BackupFile::size).sum());
  }

  @Test
  void list_newestFirstAndIgnoresPartialFolders(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 3);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest first = store.create(db, new BackupRequest(null, null, DumpFormat.CUSTOM, 1));
    BackupManifest second = store.create(db, Fixtures.request(DumpFormat.CUSTOM));
    Files.createDirectory(backups.resolve("20990101-000000-abcd.partial"));

    assertThat(store.list()).extracting(BackupSummary::id).containsExactly(second.id(), first.id());
    BackupSummary summary = store.list().get(0);
    assertThat(summary.runId()).isEqualTo("run-1");
    assertThat(summary.database()).isEqualTo(db.name());
    assertThat(summary.totalBytes()).isEqualTo(second.totalBytes());
    assertThat(summary.verified()).isFalse();
    assertThat(summary.verifiedAt()).isNull();
  }

  @Test
  void create_removesThePartialFolderOfABackupThatWasKilled(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 2);
    Path abandoned = backups.resolve("20260101-000000-dead.partial");
    Files.createDirectories(abandoned.resolve("db"));
    Files.writeString(abandoned.resolve("db/half.dump"), "half a dump");
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);

    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.CUSTOM));

    assertThat(abandoned).doesNotExist();
    try (Stream<Path> entries = Files.list(backups)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(manifest.id());
    }
  }

  @Test
  void get_unknownId_listsTheKnownOnes(DatabaseConfig db) {
    Fixtures.seed(db, 1);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest known = store.create(db, Fixtures.request(DumpFormat.CUSTOM));

    assertThatThrownBy(() -> store.get("../" + known.id()))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_UNKNOWN);
              assertThat(e.getMessage()).contains("Known backups: " + known.id());
            });
  }

  @Test
  void create_pgDumpFailsMidway_leavesNothingBehind(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 5);
    Path fake =
        Fixtures.script(
            scratch,
            "pg_dump",
            """
            for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
            head -c 5000 /dev/zero > "$f"
            echo "pg_dump: error: query failed: server closed the connection" >&2
            exit 1
            """);
    BackupStore store =
        new BackupStore(backups, PgTools.find().with("pg_dump", fake), Progress.NONE);

    assertThatThrownBy(() -> store.create(db, Fixtures.request(DumpFormat.CUSTOM)))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_FAILED);
              assertThat(e.getMessage())
                  .contains("server closed the connection")
                  .contains("exited with 1")
                  .doesNotContain(db.password().reveal());
            });
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).isEmpty();
    }
    assertThat(store.list()).isEmpty();
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
        new BackupStore(backups, PgTools.find().with("pg_dump", spy), Progress.NONE);

    store.create(db, Fixtures.request(DumpFormat.CUSTOM));

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

  private static void assertOwnerOnly(Path folder) throws Exception {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
            .as(path.toString())
            .isEqualTo(expected);
      }
    }
  }
}
