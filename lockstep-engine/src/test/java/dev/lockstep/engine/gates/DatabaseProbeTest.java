package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.DriftConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.config.TargetConfig;
import dev.lockstep.core.manifest.HistoryRef;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.schema.DriftReport;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.history.DirtyState;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.schema.diff.SchemaChange;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The one look before planning, taken of a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class DatabaseProbeTest {
  private static final MigrationsConfig MIGRATIONS =
      new MigrationsConfig("lockstep_schema_history", Duration.ofSeconds(5));

  @TempDir Path dir;

  @Test
  void of_serverNotListening_isUnreachableWithTheError(DatabaseConfig db) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    DatabaseConfig nowhere =
        new DatabaseConfig(
            db.host(), closedPort, db.name(), db.user(), db.password(), db.maintenanceDatabase());

    DatabaseProbe probe = probe(config(nowhere), release(MigrationRunnerKind.LOCKSTEP, null));

    assertThat(probe.reachable()).isFalse();
    assertThat(probe.error())
        .startsWith("Cannot connect to Postgres at " + db.host() + ":" + closedPort + "/");
  }

  @Test
  void of_lockstepAppliedTwoMigrations_readsTheirVersionsAndACleanHistory(DatabaseConfig db)
      throws Exception {
    Path scripts = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(scripts.resolve("V1__create_notes.sql"), "CREATE TABLE notes (id int);");
    Files.writeString(scripts.resolve("V2__add_tags.sql"), "ALTER TABLE notes ADD tags text;");
    ReleaseManifest release = release(MigrationRunnerKind.LOCKSTEP, scripts);
    new MigrationRunner(db, MIGRATIONS).migrate(release);

    DatabaseProbe probe = probe(config(db), release);

    assertThat(probe.reachable()).isTrue();
    assertThat(probe.serverVersion()).matches("1[0-9]\\.[0-9]+");
    assertThat(probe.appliedVersions()).containsExactly("1", "2");
    assertThat(probe.histories().tools()).containsExactly("Lockstep");
    assertThat(probe.histories().dirty()).isEmpty();
  }

  @Test
  void of_productsToolAtVersion2_countsTheDeclaredIdsUpTo2(DatabaseConfig db) {
    sql(db, GOLANG_MIGRATE, "INSERT INTO schema_migrations VALUES (2, false)");

    DatabaseProbe probe = probe(config(db), release(MigrationRunnerKind.STARTUP, null));

    assertThat(probe.appliedVersions()).containsExactly("1", "2");
    assertThat(probe.histories().tools()).containsExactly("golang-migrate");
    assertThat(probe.histories().dirty()).isEmpty();
  }

  @Test
  void of_productsToolLeftADirtyVersion_recordsTheDirtyStateAndTheGateBlocks(DatabaseConfig db) {
    sql(db, GOLANG_MIGRATE, "INSERT INTO schema_migrations VALUES (3, true)");

    DatabaseProbe probe = probe(config(db), release(MigrationRunnerKind.STARTUP, null));

    assertThat(probe.histories().dirty())
        .singleElement()
        .extracting(DirtyState::what)
        .asString()
        .contains("3", "dirty", "public.schema_migrations");
    GateResult verdict = judged(probe, new DirtyMigrationsGate());
    assertThat(verdict.blocked()).isTrue();
    assertThat(verdict.message()).isEqualTo(probe.histories().dirty().get(0).what());
    assertThat(verdict.fix()).isEqualTo(probe.histories().dirty().get(0).wayOut());
  }

  @Test
  void of_columnAddedByHandAfterTheRecord_measuresTheDriftAndTheGateBlocks(DatabaseConfig db) {
    sql(db, "CREATE TABLE notes (id bigint)");
    DeploymentConfig config = config(db);
    new SchemaRecords(config).recordCurrent();
    sql(db, "ALTER TABLE notes ADD COLUMN tags text");

    DatabaseProbe probe = probe(config, release(MigrationRunnerKind.LOCKSTEP, null));

    DriftReport drift = probe.schema().driftFrom(null, DriftConfig.everything());
    assertThat(drift.reference())
        .isEqualTo(
            "the schema the last run left (" + new SchemaRecords(config).currentFile() + ")");
    assertThat(drift.changes())
        .extracting(SchemaChange::reason)
        .containsExactly(
            "new column public.notes.tags (text) is nullable: the previous release can ignore it");
    assertThat(judged(probe, new SchemaDriftGate()).blocked()).isTrue();
  }

  @Test
  void of_schemaAsRecorded_findsNoDrift(DatabaseConfig db) {
    sql(db, "CREATE TABLE notes (id bigint)");
    DeploymentConfig config = config(db);
    new SchemaRecords(config).recordCurrent();

    DatabaseProbe probe = probe(config, release(MigrationRunnerKind.LOCKSTEP, null));

    assertThat(probe.schema().readable()).isTrue();
    assertThat(probe.schema().driftFrom(null, DriftConfig.everything()).drifted()).isFalse();
    assertThat(judged(probe, new SchemaDriftGate()).blocked()).isFalse();
  }

  @Test
  void of_damagedSchemaRecord_isBadInputNamingTheFile(DatabaseConfig db) throws Exception {
    DeploymentConfig config = config(db);
    Path record = new SchemaRecords(config).currentFile();
    Files.createDirectories(record.getParent());
    Files.writeString(record, "{ half a snapshot");

    assertThatThrownBy(() -> probe(config, release(MigrationRunnerKind.LOCKSTEP, null)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(record.toString());
  }

  @Test
  void of_databaseAndFileStores_sumsTheirSizes(DatabaseConfig db) throws Exception {
    Path uploads = Files.createDirectories(dir.resolve("uploads"));
    Files.write(uploads.resolve("a.bin"), new byte[1000]);
    Files.write(Files.createDirectories(uploads.resolve("b")).resolve("c.bin"), new byte[24]);
    DeploymentConfig config =
        withStores(
            config(db),
            List.of(
                StoreConfig.postgres("app", db),
                StoreConfig.files("uploads", uploads),
                StoreConfig.command("graph", "dump {dir}", "load {dir}", null)));

    DatabaseProbe probe = probe(config, release(MigrationRunnerKind.LOCKSTEP, null));

    long databaseBytes = new Database(db).sizeBytes();
    // pg_database_size may move by a page or two between the two reads; the files are exact.
    assertThat(probe.storesBytes() - 1024).isBetween(databaseBytes - 65536, databaseBytes + 65536);
  }

  @Test
  void of_productsRenamedKnexTableLeftLocked_theGateBlocksOnItsLock(DatabaseConfig db) {
    // knex's own DDL for a knexfile with tableName: 'acme_migrations', its lock left held.
    sql(
        db,
        "create table \"acme_migrations\" (\"id\" serial primary key, \"name\" varchar(255),"
            + " \"batch\" integer, \"migration_time\" timestamptz)",
        "create table \"acme_migrations_lock\" (\"index\" serial primary key, \"is_locked\""
            + " integer)",
        "insert into \"acme_migrations_lock\" (\"is_locked\") values (1)",
        "insert into \"acme_migrations\" (\"batch\", \"migration_time\", \"name\") values"
            + " (1, now(), '1_init.js')");
    ReleaseManifest release = release(MigrationRunnerKind.COMMAND, null);
    ReleaseManifest knex =
        new ReleaseManifest(
            release.file(),
            release.product(),
            release.version(),
            Map.of(),
            null,
            List.of(new MigrationScript("1_init.js", "init", null, MigrationClass.EXPAND)),
            null,
            MigrationRunnerKind.COMMAND,
            new HistoryRef("knex", "acme_migrations"),
            null);

    DatabaseProbe probe = probe(config(db), knex);

    assertThat(probe.histories().tools()).containsExactly("knex");
    assertThat(probe.appliedVersions()).containsExactly("1_init.js");
    GateResult verdict = judged(probe, new DirtyMigrationsGate());
    assertThat(verdict.blocked()).isTrue();
    assertThat(verdict.message()).contains("public.acme_migrations_lock is held");
    assertThat(verdict.fix()).contains("knex migrate:unlock");
  }

  @Test
  void of_alembicHead_countsEveryRevisionBelowItInTheReleaseFiles(DatabaseConfig db)
      throws Exception {
    Path versions = Files.createDirectories(dir.resolve("releases/1.1.0/alembic/versions"));
    Files.writeString(
        versions.resolve("a1_create_notes.py"), "revision = 'a1'\ndown_revision = None\n");
    Files.writeString(
        versions.resolve("b2_add_tags.py"),
        "revision: str = 'b2'\ndown_revision: Union[str, None] = 'a1'\n");
    Files.writeString(
        versions.resolve("c3_add_owner.py"), "revision = 'c3'\ndown_revision = 'b2'\n");
    sql(
        db,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
            + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
        "INSERT INTO alembic_version (version_num) VALUES ('b2')");
    ReleaseManifest release = release(MigrationRunnerKind.COMMAND, null);
    ReleaseManifest alembic =
        new ReleaseManifest(
            release.file(),
            release.product(),
            release.version(),
            Map.of(),
            versions,
            List.of(
                new MigrationScript("b2", "add tags", null, MigrationClass.EXPAND),
                new MigrationScript("c3", "add owner", null, MigrationClass.EXPAND)),
            null,
            MigrationRunnerKind.COMMAND,
            new HistoryRef("alembic", null, "a1"),
            null);

    DatabaseProbe probe = probe(config(db), alembic);

    // a1 is history from before the baseline, b2 applied, c3 pending: nothing unknown.
    assertThat(probe.appliedVersions()).containsExactly("b2");
    assertThat(probe.histories().tools()).containsExactly("Alembic");
    // Without the baseline, a1 (below the head, found through the files) is one the release lacks.
    ReleaseManifest noBaseline =
        new ReleaseManifest(
            alembic.file(),
            alembic.product(),
            alembic.version(),
            Map.of(),
            versions,
            alembic.migrations(),
            null,
            MigrationRunnerKind.COMMAND,
            new HistoryRef("alembic", null),
            null);
    assertThat(probe(config(db), noBaseline).appliedVersions()).containsExactly("b2", "a1");
  }

  private static final String GOLANG_MIGRATE =
      "CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not"
          + " null)";

  private static DatabaseProbe probe(DeploymentConfig config, ReleaseManifest target) {
    return DatabaseProbe.of(config, new MigrationRunner(config.database(), MIGRATIONS), target);
  }

  private GateResult judged(DatabaseProbe probe, Gate gate) {
    try (GateFixture fixture = new GateFixture(dir.resolve("fixture"))) {
      fixture.previous = null;
      fixture.installedVersion = null;
      fixture.database = probe;
      return fixture.check(gate);
    }
  }

  /**
   * Release 1.1.0, migrated by {@code runner}: by Lockstep from {@code scripts}, or by the product,
   * whose golang-migrate table records ids 1 to 3.
   */
  private ReleaseManifest release(MigrationRunnerKind runner, Path scripts) {
    List<MigrationScript> declared =
        runner == MigrationRunnerKind.LOCKSTEP
            ? List.of()
            : List.of(
                new MigrationScript("1", "create notes", null, MigrationClass.EXPAND),
                new MigrationScript("2", "add tags", null, MigrationClass.EXPAND),
                new MigrationScript("3", "add owner", null, MigrationClass.EXPAND));
    return new ReleaseManifest(
        dir.resolve("releases/1.1.0/release.yaml"),
        "notes",
        Version.parse("1.1.0"),
        Map.of(),
        scripts,
        declared,
        null,
        runner,
        runner == MigrationRunnerKind.LOCKSTEP ? null : new HistoryRef("golang-migrate", null),
        null);
  }

  /** A deployment of {@code db} alone, its state in the test's folder. */
  private DeploymentConfig config(DatabaseConfig db) {
    return DeploymentConfig.builder()
        .file(dir.resolve("lockstep.yaml"))
        .environment("test")
        .stateDir(dir.resolve("state"))
        .releases(dir.resolve("releases"))
        .database(db)
        .migrations(MIGRATIONS)
        .target(new TargetConfig(TargetConfig.TargetType.PROCESS, "sh"))
        .stores(List.of(StoreConfig.postgres("app", db)))
        .build();
  }

  private static DeploymentConfig withStores(DeploymentConfig config, List<StoreConfig> stores) {
    return DeploymentConfig.builder()
        .file(config.file())
        .environment(config.environment())
        .stateDir(config.stateDir())
        .releases(config.releases())
        .database(config.database())
        .migrations(config.migrations())
        .target(config.target())
        .services(config.services())
        .checks(config.checks())
        .stores(stores)
        .backup(config.backup())
        .rehearsal(config.rehearsal())
        .drift(config.drift())
        .build();
  }

  private static void sql(DatabaseConfig db, String... statements) {
    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
