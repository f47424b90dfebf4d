package dev.lockstep.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(PostgresExtension.class)
class BackupRestoreTest {
  @TempDir Path backups;
  @TempDir Path bin;

  @ParameterizedTest
  @EnumSource(DumpFormat.class)
  void restore_bringsBackRowsBeforeTheBackupAndRemovesLaterOnes(
      DumpFormat format, DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 30);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(db, Fixtures.request(format));
    Sql.execute(
        db,
        "DELETE FROM tags",
        "DELETE FROM notes WHERE id <= 10",
        "INSERT INTO notes (body) VALUES ('written after the backup')",
        "CREATE TABLE added_later (id int)");

    try (var session = new Database(db).connect()) {
      RestoreResult result = store.restore(manifest.id(), db);

      assertThat(session.isValid(2)).isFalse();
      assertThat(result.backupId()).isEqualTo(manifest.id());
      assertThat(result.database()).isEqualTo(db.name());
      assertThat(result.tableRows())
          .containsExactly(Map.entry("public.notes", 30L), Map.entry("public.tags", 15L));
    }
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes WHERE id <= 10")).isEqualTo(10);
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes WHERE body LIKE 'written after%'"))
        .isZero();
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'added_later'"))
        .isZero();
    // The sequence comes back too: the next id follows the restored rows.
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('next')");
    assertThat(Sql.queryLong(db, "SELECT max(id) FROM notes")).isEqualTo(31);
  }

  @Test
  void verifyAndRestore_asAnApplicationUserWithoutSuperuser(ThrowawayPostgres server) {
    Secret password = Secret.of("app-password-7");
    server.createRole("notes_app", password, true);
    DatabaseConfig app =
        new DatabaseConfig(
            server.host(), server.port(), "notes_app_db", "notes_app", password, "postgres");
    new ServerAdmin(new Database(app), ErrorCode.INTERNAL)
        .create(app.name(), app.user(), Optional.empty());
    Fixtures.seed(app, 8);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(app, Fixtures.request(DumpFormat.DIRECTORY));
    Sql.execute(app, "DELETE FROM tags");

    assertThat(store.verify(manifest.id(), app).verified()).isTrue();
    assertThat(store.restore(manifest.id(), app).tableRows()).containsEntry("public.tags", 4L);
    server.dropDatabase(app.name());
  }

  @Test
  void restore_databaseDroppedSinceTheBackup_isCreatedAgain(DatabaseConfig db) {
    Fixtures.seed(db, 4);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.CUSTOM));
    PostgresExtension.server().dropDatabase(db.name());

    store.restore(manifest.id(), db);

    assertThat(new Database(db).rowCounts()).containsEntry("public.notes", 4L);
  }

  @Test
  void restore_tamperedBackup_isRefusedBeforeTouchingTheDatabase(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 4);
    BackupStore store = new BackupStore(backups, PgTools.find(), Progress.NONE);
    BackupManifest manifest = store.create(db, Fixtures.request(DumpFormat.CUSTOM));
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('still here')");
    Files.writeString(
        backups.resolve(manifest.id()).resolve(manifest.files().get(0).path()), "garbage");

    assertThatThrownBy(() -> store.restore(manifest.id(), db))
        .isInstanceOfSatisfying(
            BackupTamperedException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_TAMPERED));
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(5);
  }

  @Test
  void restore_pgRestoreMissing_failsBeforeTouchingTheDatabase(DatabaseConfig db) {
    Fixtures.seed(db, 4);
    BackupManifest manifest =
        new BackupStore(backups, PgTools.find(), Progress.NONE)
            .create(db, Fixtures.request(DumpFormat.CUSTOM));
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('still here')");
    BackupStore store =
        new BackupStore(
            backups, PgTools.find().with("pg_restore", bin.resolve("missing")), Progress.NONE);

    assertThatThrownBy(() -> store.restore(manifest.id(), db))
        .isInstanceOfSatisfying(
            dev.lockstep.core.api.LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOOL_MISSING));
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(5);
  }

  @Test
  void restore_pgRestoreFails_saysTheDatabaseHoldsAPartialRestore(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 4);
    Path fake =
        Fixtures.script(
            bin,
            "pg_restore",
            """
            case "$*" in *--list*) echo "1; 1 1 TABLE public notes x"; exit 0;; esac
            echo "pg_restore: error: could not execute query: disk full" >&2
            exit 1
            """);
    BackupManifest manifest =
        new BackupStore(backups, PgTools.find(), Progress.NONE)
            .create(db, Fixtures.request(DumpFormat.CUSTOM));
    BackupStore store =
        new BackupStore(backups, PgTools.find().with("pg_restore", fake), Progress.NONE);

    assertThatThrownBy(() -> store.restore(manifest.id(), db))
        .isInstanceOfSatisfying(
            dev.lockstep.core.api.LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.RESTORE_FAILED);
              assertThat(e.getMessage())
                  .contains("disk full")
                  .contains("holds a partial restore")
                  .contains(manifest.id() + " is intact");
            });
  }
}
