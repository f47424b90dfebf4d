package dev.lockstep.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.RecordingProgress;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(PostgresExtension.class)
class BackupVerifyTest {
  @TempDir Path backups;

  @ParameterizedTest
  @EnumSource(DumpFormat.class)
  void verify_goodBackup_restoresComparesAndRecordsIt(DumpFormat format, DatabaseConfig db) {
    Fixtures.seed(db, 25);
    RecordingProgress progress = new RecordingProgress();
    BackupStore store = new BackupStore(backups, PgTools.find(), progress);
    BackupManifest manifest = store.create(db, Fixtures.request(format));

    VerificationResult result = store.verify(manifest.id(), db);

    assertThat(result.verified()).isTrue();
    assertThat(result.problems()).isEmpty();
    assertThat(result.tables())
        .containsExactly(
            new TableComparison("public.notes", 25, 25),
            new TableComparison("public.tags", 12, 12));
    assertThat(backups.resolve(manifest.id()).resolve("verification.json")).exists();
    assertThat(store.list().get(0).verified()).isTrue();
    assertThat(store.list().get(0).verifiedAt()).isEqualTo(result.verifiedAt());
    String scratch = "lockstep_verify_" + manifest.id().replace('-', '_');
    assertThat(new Database(db.withName(scratch)).exists()).isFalse();
    RecordingProgress.Task restore = progress.task("verify backup " + manifest.id());
    assertThat(restore.unit()).isEqualTo(Progress.Unit.ITEMS);
    assertThat(restore.total()).isPositive();
    assertThat(restore.done()).isEqualTo(restore.total());
  }

  @Test
  void verify_oneByteChanged_failsNamingTheFile(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 5);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.CUSTOM));
    store.verify(manifest.id(), db);
    String dumpPath = manifest.files().get(0).path();
    Path dump = backups.resolve(manifest.id()).resolve(dumpPath);
    byte[] bytes = Files.readAllBytes(dump);
    bytes[bytes.length / 2] ^= 1;
    Files.write(dump, bytes);

    assertThatThrownBy(() -> store.verify(manifest.id(), db))
        .isInstanceOfSatisfying(
            BackupTamperedException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_TAMPERED);
              assertThat(e.problems())
                  .singleElement()
                  .asString()
                  .startsWith(dumpPath + ": changed");
              assertThat(e.getMessage()).contains(dumpPath).contains("must not be used");
            });
    assertThat(store.list().get(0).verified()).isFalse();
  }

  @Test
  void verify_missingAndExtraFiles_areBothNamed(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 5);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.DIRECTORY));
    Path folder = backups.resolve(manifest.id());
    Files.delete(folder.resolve(manifest.files().get(0).path()));
    Files.writeString(folder.resolve("db/extra.sql"), "DROP TABLE notes;");

    assertThatThrownBy(() -> store.verify(manifest.id(), db))
        .isInstanceOfSatisfying(
            BackupTamperedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        manifest.files().get(0).path() + ": missing",
                        "db/extra.sql: not in the manifest"));
  }

  @Test
  void verify_rowCountsDifferFromManifest_isNotVerifiedAndNamesTheTable(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 5);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.CUSTOM));
    Map<String, Long> wrongRows = new TreeMap<>(manifest.tableRows());
    wrongRows.put("public.notes", 6L);
    Path manifestFile = backups.resolve(manifest.id()).resolve("manifest.json");
    Files.writeString(manifestFile, Json.write(withRows(manifest, wrongRows)));

    VerificationResult result = store.verify(manifest.id(), db);

    assertThat(result.verified()).isFalse();
    assertThat(result.problems())
        .containsExactly(
            "table public.notes has 5 rows after the restore; the manifest recorded 6");
    assertThat(store.list().get(0).verified()).isFalse();
  }

  @Test
  void create_whileRowsAreWritten_countsMatchTheDumpExactly(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 2000);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              while (writing.get()) {
                Sql.execute(
                    db, "INSERT INTO notes (body) SELECT 'late' FROM generate_series(1, 50)");
              }
            });
    writer.start();
    BackupManifest manifest;
    try {
      manifest = store.create(db, Fixtures.request(DumpFormat.DIRECTORY));
    } finally {
      writing.set(false);
      writer.join();
    }

    VerificationResult result = store.verify(manifest.id(), db);

    assertThat(result.verified()).as(String.join("\n", result.problems())).isTrue();
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes"))
        .isGreaterThanOrEqualTo(manifest.tableRows().get("public.notes"));
  }

  private static BackupManifest withRows(BackupManifest m, Map<String, Long> rows) {
    return new BackupManifest(
        m.id(),
        m.createdAt(),
        m.runId(),
        m.release(),
        m.database(),
        m.host(),
        m.port(),
        m.serverVersion(),
        m.format(),
        m.totalBytes(),
        m.files(),
        rows);
  }
}
