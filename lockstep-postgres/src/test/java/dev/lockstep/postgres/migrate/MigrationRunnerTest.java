package dev.lockstep.postgres.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigrationRunnerTest {
  private static final MigrationsConfig CONFIG =
      new MigrationsConfig("flyway_schema_history", Duration.ofSeconds(20));

  @TempDir Path migrations;

  @Test
  void migrate_appliesPendingOnlyAndRecordsHistory(DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text);");
    write("V2__seed.sql", "INSERT INTO notes VALUES (1, 'hello');");
    MigrationRunner runner = new MigrationRunner(db, CONFIG);

    MigrationResult first = runner.migrate(release("2.0.0"));
    write("V2.1__add_tags.sql", "ALTER TABLE notes ADD COLUMN tags text[];");
    MigrationResult second = runner.migrate(release("2.1.0"));
    MigrationResult third = runner.migrate(release("2.1.0"));

    assertThat(first.applied()).extracting(AppliedMigration::version).containsExactly("1", "2");
    assertThat(first.applied().get(0).script()).isEqualTo("V1__create_notes.sql");
    assertThat(first.applied().get(0).description()).isEqualTo("create notes");
    assertThat(first.applied()).allMatch(AppliedMigration::success);
    assertThat(second.applied()).extracting(AppliedMigration::version).containsExactly("2.1");
    assertThat(third.applied()).isEmpty();
    List<AppliedMigration> history = runner.history();
    assertThat(history).extracting(AppliedMigration::version).containsExactly("1", "2", "2.1");
    assertThat(history.get(0).installedOn())
        .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isEqualTo(1);
  }

  @Test
  void migrateBeforeRollout_leavesTheMigrationsHeldBackPending_migrateAppliesThem(DatabaseConfig db)
      throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text);");
    write("V2__add_content.sql", "ALTER TABLE notes ADD COLUMN content text;");
    write("V3__drop_body.sql", "ALTER TABLE notes DROP COLUMN body;");
    ReleaseManifest release =
        new ReleaseManifest(
            migrations.resolve("lockstep.yaml"),
            "notes",
            Version.parse("1.2.0"),
            Map.of(),
            migrations,
            List.of(
                new MigrationScript("1", "create notes", null, MigrationClass.EXPAND),
                new MigrationScript("2", "add content", null, MigrationClass.EXPAND),
                new MigrationScript("3", "drop body", null, MigrationClass.CONTRACT, true)),
            "");
    MigrationRunner runner = new MigrationRunner(db, CONFIG);

    MigrationResult before = runner.migrateBeforeRollout(release);
    long bodyColumns =
        Sql.queryLong(
            db,
            "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'notes' AND column_name = 'body'");
    MigrationResult after = runner.migrate(release);

    assertThat(before.applied()).extracting(AppliedMigration::version).containsExactly("1", "2");
    assertThat(bodyColumns).isEqualTo(1);
    assertThat(after.applied()).extracting(AppliedMigration::version).containsExactly("3");
    assertThat(
            Sql.queryLong(
                db,
                "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'notes' AND column_name = 'body'"))
        .isZero();
  }

  @Test
  void migrate_noMigrationsFolder_appliesNothing(DatabaseConfig db) {
    ReleaseManifest release =
        new ReleaseManifest(
            migrations.resolve("lockstep.yaml"),
            "notes",
            Version.parse("1.0.0"),
            Map.of(),
            null,
            List.of(),
            "");

    assertThat(new MigrationRunner(db, CONFIG).migrate(release).applied()).isEmpty();
    assertThat(new MigrationRunner(db, CONFIG).history()).isEmpty();
  }

  @Test
  void migrate_emptyFolder_appliesNothingAndLogsNothingVisible(DatabaseConfig db) {
    List<LogRecord> visible = new ArrayList<>();
    Handler recorder =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
              visible.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(recorder);
    try {
      assertThat(new MigrationRunner(db, CONFIG).migrate(release("1.0.0")).applied()).isEmpty();
    } finally {
      root.removeHandler(recorder);
    }
    assertThat(visible).extracting(LogRecord::getMessage).isEmpty();
  }

  @Test
  void migrate_twoAtOnce_appliesEachMigrationExactlyOnce(DatabaseConfig db) throws Exception {
    write("V1__create_log.sql", "CREATE TABLE log (n int); SELECT pg_sleep(0.3);");
    write("V2__insert.sql", "INSERT INTO log VALUES (2);");
    write("V3__insert.sql", "INSERT INTO log VALUES (3);");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<MigrationResult> migrate =
          () -> new MigrationRunner(db, CONFIG).migrate(release("3.0.0"));
      List<Future<MigrationResult>> runs = pool.invokeAll(List.of(migrate, migrate));
      List<String> applied = new ArrayList<>();
      for (Future<MigrationResult> run : runs) {
        run.get().applied().forEach(m -> applied.add(m.version()));
      }

      assertThat(applied).containsExactly("1", "2", "3");
      assertThat(Sql.queryLong(db, "SELECT count(*) FROM log")).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void migrate_lockHeldElsewhere_failsNamingTheHolder(DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int);");
    MigrationsConfig shortWait =
        new MigrationsConfig("flyway_schema_history", Duration.ofMillis(600));
    long key = MigrationLock.key("lockstep:migrate:flyway_schema_history");
    try (Connection holder = new Database(db).connect();
        PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, key);
      lock.executeQuery().close();
      int holderPid = holder.unwrap(org.postgresql.PGConnection.class).getBackendPID();

      assertThatThrownBy(() -> new MigrationRunner(db, shortWait).migrate(release("1.0.0")))
          .isInstanceOfSatisfying(
              LockstepException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.MIGRATION_LOCKED);
                assertThat(e.getMessage())
                    .contains("pid " + holderPid)
                    .contains("application 'lockstep'")
                    .contains("client 127.0.0.1")
                    .contains("pg_terminate_backend(" + holderPid + ")");
              });
    }
    assertThat(new MigrationRunner(db, CONFIG).history()).isEmpty();
  }

  @Test
  void migrate_blockedByALongTransaction_retriesAfterTheLockTimeoutNamingTheBlocker(
      DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY);");
    new MigrationRunner(db, CONFIG).migrate(release("1.0.0"));
    write("V2__add_body.sql", "ALTER TABLE notes ADD COLUMN body text;");
    MigrationsConfig quick =
        new MigrationsConfig(
            "flyway_schema_history",
            Duration.ofSeconds(20),
            Duration.ofMillis(300),
            3,
            null,
            null,
            Duration.ofMinutes(1));
    List<String> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Connection reader = new Database(db).connect()) {
      reader.setAutoCommit(false);
      reader.createStatement().execute("SELECT count(*) FROM notes"); // holds ACCESS SHARE
      Thread releaser =
          new Thread(
              () -> {
                try {
                  while (waits.isEmpty()) {
                    Thread.sleep(20);
                  }
                  reader.rollback();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      releaser.start();

      MigrationResult result =
          new MigrationRunner(
                  db,
                  quick,
                  new MigrationListener() {
                    @Override
                    public void lockTimedOut(
                        int attempt, int attempts, Duration backoff, String blockers) {
                      waits.add(attempt + "/" + attempts + ": " + blockers);
                    }
                  })
              .migrate(release("1.1.0"));
      releaser.join();

      assertThat(result.applied()).extracting(AppliedMigration::version).containsExactly("2");
      assertThat(waits.get(0)).startsWith("1/4: pid ").contains("in a transaction since");
    }
  }

  @Test
  void migrate_blockedPastEveryRetry_failsNamingTheBlockerAndLeavesNothingHalfDone(
      DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY);");
    new MigrationRunner(db, CONFIG).migrate(release("1.0.0"));
    write("V2__add_body.sql", "ALTER TABLE notes ADD COLUMN body text;");
    MigrationsConfig quick =
        new MigrationsConfig(
            "flyway_schema_history",
            Duration.ofSeconds(20),
            Duration.ofMillis(200),
            1,
            null,
            null,
            Duration.ofMinutes(1));
    try (Connection reader = new Database(db).connect()) {
      reader.setAutoCommit(false);
      reader.createStatement().execute("SELECT count(*) FROM notes");

      assertThatThrownBy(() -> new MigrationRunner(db, quick).migrate(release("1.1.0")))
          .isInstanceOf(LockstepException.class)
          .satisfies(
              e ->
                  assertThat(((LockstepException) e).errorCode())
                      .isEqualTo(ErrorCode.MIGRATION_LOCKED))
          .hasMessageContaining("lock_timeout 200 ms, 2 times")
          .hasMessageContaining("pg_terminate_backend");
      reader.rollback();
    }
    assertThat(
            Sql.queryLong(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'body'"))
        .isZero();
  }

  @Test
  void migrate_failingMigration_namesItAndKeepsEarlierOnes(DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int);");
    write("V2__broken.sql", "INSERT INTO notes VALUES (1);\nSELECT * FROM no_such_table;");
    write("V3__never.sql", "CREATE TABLE never (id int);");
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      assertThatThrownBy(() -> new MigrationRunner(db, CONFIG).migrate(release("2.0.0")))
          .isInstanceOfSatisfying(
              MigrationFailedException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.failedVersion()).isEqualTo("2");
                assertThat(e.appliedBefore())
                    .extracting(AppliedMigration::version)
                    .containsExactly("1");
                assertThat(e.getMessage())
                    .contains("V2__broken.sql")
                    .contains("relation \"no_such_table\" does not exist")
                    .contains("release 2.0.0")
                    .doesNotContain(db.password().reveal());
              });
    } finally {
      System.setOut(stdout);
    }
    assertThat(captured.toString()).isEmpty();
    assertThat(new MigrationRunner(db, CONFIG).history())
        .extracting(AppliedMigration::version)
        .containsExactly("1");
    assertThat(Sql.queryLong(db, "SELECT count(*) FROM notes")).isZero();
  }

  @Test
  void migrate_wrongPassword_neverShowsIt(DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int);");
    DatabaseConfig wrong =
        new DatabaseConfig(
            db.host(),
            db.port(),
            db.name(),
            db.user(),
            dev.lockstep.core.api.Secret.of("not-the-password-42"),
            db.maintenanceDatabase());

    assertThatThrownBy(() -> new MigrationRunner(wrong, CONFIG).migrate(release("1.0.0")))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
              assertThat(e.getMessage()).doesNotContain("not-the-password-42");
            });
  }

  @Test
  void changedSinceApplied_namesOnlyAnAppliedMigrationWhoseTextChanged(DatabaseConfig db)
      throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY);");
    MigrationRunner runner = new MigrationRunner(db, CONFIG);
    runner.migrate(release("1.0.0"));
    write("V2__add_body.sql", "ALTER TABLE notes ADD COLUMN body text;");
    List<ChangedMigration> pendingOnly = runner.changedSinceApplied(release("1.1.0"));
    write("V1__create_notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY);");

    List<ChangedMigration> changed = runner.changedSinceApplied(release("1.1.0"));

    assertThat(pendingOnly).isEmpty();
    assertThat(changed)
        .singleElement()
        .satisfies(
            migration -> {
              assertThat(migration.version()).isEqualTo("1");
              assertThat(migration.file()).endsWith("V1__create_notes.sql");
              assertThat(migration.detail())
                  .startsWith("Migration checksum mismatch for migration version 1")
                  .containsPattern("the database has -?\\d+, the release has -?\\d+$");
            });
    assertThat(runner.history()).extracting(AppliedMigration::version).containsExactly("1");
  }

  private void write(String name, String sql) throws Exception {
    Files.writeString(migrations.resolve(name), sql);
  }

  private ReleaseManifest release(String version) {
    return new ReleaseManifest(
        migrations.resolve("lockstep.yaml"),
        "notes",
        Version.parse(version),
        Map.of(),
        migrations,
        List.of(),
        "");
  }
}
