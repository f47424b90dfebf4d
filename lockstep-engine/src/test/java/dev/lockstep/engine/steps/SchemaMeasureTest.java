package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.config.TargetConfig;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The schema read before the services stop, and confirmed by a checksum after. */
@ExtendWith(PostgresExtension.class)
class SchemaMeasureTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(0);

  @TempDir Path dir;
  private final Journal journal = Journal.empty();

  @AfterEach
  void close() {
    journal.close();
  }

  @Test
  void before_schemaUnchangedSinceReadBeforeStop_onlyConfirmsIt(DatabaseConfig db)
      throws Exception {
    Sql.execute(db, "CREATE TABLE notes (id int PRIMARY KEY)");
    Toolbox tools = tools(db);
    RunFacts facts = facts();
    SchemaMeasure.readBeforeStop(tools, facts);
    Path before = new SchemaRecords(tools.config()).beforeRun(facts.runId());
    Files.setLastModifiedTime(before, LONG_AGO);
    Sql.execute(db, "INSERT INTO notes VALUES (1)");

    new SchemaMeasure(tools, null).before(facts);

    assertThat(Files.getLastModifiedTime(before)).isEqualTo(LONG_AGO);
    assertThat(facts.get(RunFacts.SCHEMA_BEFORE_CONFIRMED)).contains("true");
  }

  @Test
  void before_schemaChangedAfterReadBeforeStop_readsItAgain(DatabaseConfig db) throws Exception {
    Sql.execute(db, "CREATE TABLE notes (id int PRIMARY KEY)");
    Toolbox tools = tools(db);
    RunFacts facts = facts();
    SchemaMeasure.readBeforeStop(tools, facts);
    Sql.execute(db, "ALTER TABLE notes ADD COLUMN added_while_stopping text");

    new SchemaMeasure(tools, null).before(facts);

    Path before = new SchemaRecords(tools.config()).beforeRun(facts.runId());
    assertThat(Files.readString(before)).contains("added_while_stopping");
  }

  @Test
  void before_resumedAfterItConfirmed_keepsTheSchemaFromBeforeTheMigrations(DatabaseConfig db)
      throws Exception {
    Sql.execute(db, "CREATE TABLE notes (id int PRIMARY KEY)");
    Toolbox tools = tools(db);
    RunFacts facts = facts();
    SchemaMeasure.readBeforeStop(tools, facts);
    new SchemaMeasure(tools, null).before(facts);
    Sql.execute(db, "ALTER TABLE notes ADD COLUMN migrated text"); // then Lockstep was killed

    new SchemaMeasure(tools, null).before(new RunFacts(journal, facts.runId()));

    Path before = new SchemaRecords(tools.config()).beforeRun(facts.runId());
    assertThat(Files.readString(before)).doesNotContain("migrated");
  }

  private RunFacts facts() {
    String runId = journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0").id();
    return new RunFacts(journal, runId);
  }

  private Toolbox tools(DatabaseConfig db) {
    DeploymentConfig config =
        DeploymentConfig.builder()
            .file(dir.resolve("lockstep.yaml"))
            .environment("test")
            .stateDir(dir.resolve("state"))
            .releases(dir.resolve("releases"))
            .database(db)
            .migrations(new MigrationsConfig("lockstep_schema_history", Duration.ZERO))
            .target(new TargetConfig(TargetConfig.TargetType.PROCESS, "sh"))
            .stores(List.of(StoreConfig.postgres("app", db)))
            .backup(
                new BackupConfig(
                    dir.resolve("backups"),
                    BackupConfig.DumpFormat.CUSTOM,
                    1,
                    null,
                    null,
                    true,
                    null))
            .build();
    return new Toolbox(config, null, null, null, null, null, Clock.systemUTC());
  }
}
