package dev.lockstep.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PostgreSQL parts: consistent dumps, restores over a live database, and their failures. */
@ExtendWith(PostgresExtension.class)
class PostgresRestoreTest {
  @TempDir Path backups;
  @TempDir Path bin;

  @ParameterizedTest
  @EnumSource(DumpFormat.class)
  void restore_bringsBackRowsBeforeTheBackupAndRemovesLaterOnes(
      DumpFormat format, DatabaseConfig db) {
    Fixtures.seed(db, 30);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupStore store =
        new BackupStore(backups, Fixtures.settings(format), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Sql.execute(
        db,
        "DELETE FROM tags",
        "DELETE FROM notes WHERE id <= 10",
        "INSERT INTO notes (body) VALUES ('written after the backup')",
        "CREATE TABLE added_later (id int)");

    try (var session = new Database(db).connect()) {
      RestoreResult result = store.restore(set.id(), stores);

      assertThat(session.isValid(2)).isFalse();
      assertThat(result.backupId()).isEqualTo(set.id());
      assertThat(result.stores()).containsExactly("main");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(new Database(db).rowCounts())
        .containsEntry("public.notes", 30L)
        .containsEntry("public.tags", 15L);
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes WHERE body LIKE 'written after%'"))
        .isZero();
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'added_later'"))
        .isZero();
    // The sequence comes back too: the next id follows the restored rows.
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('next')");
    assertThat(Sql.queryLong(db, "SELECT max(id) FROM notes")).isEqualTo(31);
  }

  @Test
  void restore_keepingAside_renamesTheLiveDatabaseWithItsLaterRows(DatabaseConfig db) {
    Fixtures.seed(db, 12);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('written by the failed release')");
    String kept = db.name() + "_kept";

    store.restore(set.id(), stores, s -> true, java.util.Map.of("main", kept));

    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(12);
    assertThat(Sql.queryLong(db.withName(kept), "SELECT count(*) FROM notes")).isEqualTo(13);
    new ServerAdmin(new Database(db), ErrorCode.INTERNAL).drop(kept);
  }

  @Test
  void restore_keepingAside_repeatedAfterACrash_neitherRenamesTwiceNorLosesTheKeptRows(
      DatabaseConfig db) {
    Fixtures.seed(db, 12);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('written by the failed release')");
    String kept = db.name() + "_kept";
    ServerAdmin admin = new ServerAdmin(new Database(db), ErrorCode.INTERNAL);
    // A crash after the rename and the CREATE, during pg_restore: a partial database under the
    // name.
    admin.rename(db.name(), kept);
    admin.create(db.name(), db.user(), Optional.empty());
    Sql.execute(db, "CREATE TABLE partial (id int)");

    store.restore(set.id(), stores, s -> true, java.util.Map.of("main", kept));

    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(12);
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'partial'"))
        .isZero();
    assertThat(Sql.queryLong(db.withName(kept), "SELECT count(*) FROM notes")).isEqualTo(13);
    admin.drop(kept);
  }

  @Test
  void create_whileRowsAreWritten_factsMatchTheDumpExactly(DatabaseConfig db) throws Exception {
    Fixtures.seed(db, 2000);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE);
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              while (writing.get()) {
                Sql.execute(
                    db,
                    "INSERT INTO notes (body) SELECT 'late' FROM generate_series(1, 50)",
                    "UPDATE notes SET body = body || '!' WHERE id % 97 = 0");
              }
            });
    writer.start();
    BackupSet set;
    try {
      set = store.create(stores, Fixtures.request());
    } finally {
      writing.set(false);
      writer.join();
    }

    VerificationResult result = store.verify(set.id(), stores);

    assertThat(result.verified()).as(String.join("\n", result.problems())).isTrue();
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes"))
        .isGreaterThanOrEqualTo(set.parts().get(0).tables().get("public.notes").rows());
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
    try {
      Fixtures.seed(app, 8);
      List<StoreConfig> stores = List.of(StoreConfig.postgres("main", app));
      BackupStore store =
          new BackupStore(
              backups, Fixtures.settings(DumpFormat.DIRECTORY), PgTools.find(), Progress.NONE);
      BackupSet set = store.create(stores, Fixtures.request());
      Sql.execute(app, "DELETE FROM tags");

      assertThat(store.verify(set.id(), stores).verified()).isTrue();
      store.restore(set.id(), stores);
      assertThat(Sql.queryLong(app, "SELECT count(*) FROM tags")).isEqualTo(4);
    } finally {
      server.dropDatabase(app.name());
    }
  }

  @Test
  void restore_databaseDroppedSinceTheBackup_isCreatedAgain(DatabaseConfig db) {
    Fixtures.seed(db, 4);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    PostgresExtension.server().dropDatabase(db.name());

    store.restore(set.id(), stores);

    assertThat(new Database(db).rowCounts()).containsEntry("public.notes", 4L);
  }

  @Test
  void restore_tamperedBackup_isRefusedBeforeTouchingTheDatabase(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 4);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupStore store =
        new BackupStore(
            backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE);
    BackupSet set = store.create(stores, Fixtures.request());
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('still here')");
    Files.writeString(
        backups.resolve(set.id()).resolve(set.parts().get(0).files().get(0).path()), "garbage");

    assertThatThrownBy(() -> store.restore(set.id(), stores))
        .isInstanceOfSatisfying(
            BackupTamperedException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKUP_TAMPERED));
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(5);
  }

  @Test
  void restore_pgRestoreMissing_failsBeforeTouchingTheDatabase(DatabaseConfig db) {
    Fixtures.seed(db, 4);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    BackupSet set =
        new BackupStore(
                backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE)
            .create(stores, Fixtures.request());
    Sql.execute(db, "INSERT INTO notes (body) VALUES ('still here')");
    BackupStore store =
        new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.CUSTOM),
            PgTools.find().with("pg_restore", bin.resolve("missing")),
            Progress.NONE);

    assertThatThrownBy(() -> store.restore(set.id(), stores))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOOL_MISSING));
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(5);
  }

  @Test
  void restore_pgRestoreFails_saysTheDatabaseHoldsAPartialRestore(DatabaseConfig db)
      throws Exception {
    Fixtures.seed(db, 4);
    List<StoreConfig> stores = List.of(StoreConfig.postgres("main", db));
    Path fake =
        Fixtures.script(
            bin,
            "pg_restore",
            """
            echo "pg_restore: error: could not execute query: disk full" >&2
            exit 1
            """);
    BackupSet set =
        new BackupStore(
                backups, Fixtures.settings(DumpFormat.CUSTOM), PgTools.find(), Progress.NONE)
            .create(stores, Fixtures.request());
    BackupStore store =
        new BackupStore(
            backups,
            Fixtures.settings(DumpFormat.CUSTOM),
            PgTools.find().with("pg_restore", fake),
            Progress.NONE);

    assertThatThrownBy(() -> store.restore(set.id(), stores))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.RESTORE_FAILED);
              assertThat(e.getMessage())
                  .contains("disk full")
                  .contains("holds a partial restore")
                  .contains("Backup " + set.id() + " is intact");
            });
  }
}
