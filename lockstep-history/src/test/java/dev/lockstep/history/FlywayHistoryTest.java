package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.FLYWAY;
import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.migrate.FlywayLogBridge;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class FlywayHistoryTest {
  @TempDir Path migrations;

  // Flyway's getInsertStatement; installed_on is set here only to be asserted on.
  private static final String INSERT =
      "INSERT INTO \"public\".\"flyway_schema_history\" (\"installed_rank\", \"version\","
          + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
          + " \"installed_on\", \"execution_time\", \"success\") VALUES ";

  @Test
  void read_appliedMigrations_inRankOrderWithTheirFacts(DatabaseConfig db) {
    execute(
        db,
        FLYWAY,
        INSERT
            + "(1, '1', 'create notes', 'SQL', 'V1__create_notes.sql', 1234567, 'app',"
            + " '2024-05-01 10:00:00', 42, true),"
            + "(2, '1.1', 'add tags', 'SQL', 'V1_1__add_tags.sql', -99, 'app',"
            + " '2024-05-02 10:00:00', 7, true),"
            + "(3, NULL, 'views', 'SQL', 'R__views.sql', 5, 'app', '2024-05-02 10:00:01', 1, true)");

    MigrationHistory history = read(db, HistoryFormat.FLYWAY, null);

    assertThat(history.format()).isEqualTo(HistoryFormat.FLYWAY);
    assertThat(history.table()).isEqualTo("public.flyway_schema_history");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("1", "1.1", "R__views.sql");
    HistoryEntry first = history.applied().get(0);
    assertThat(first.description()).isEqualTo("create notes");
    assertThat(first.appliedAt())
        .isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0).atZone(ZoneId.systemDefault()).toInstant());
    assertThat(first.executionTime()).isEqualTo(Duration.ofMillis(42));
    assertThat(first.checksum()).isEqualTo("1234567");
    assertThat(first.detail()).isEqualTo("SQL V1__create_notes.sql, installed by app");
    assertThat(history.applied()).allMatch(HistoryEntry::success);
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void read_failedRowFlywayWrote_isDirtyAndItsSqlWayOutClearsIt(DatabaseConfig db)
      throws Exception {
    Files.writeString(migrations.resolve("V1__create_notes.sql"), "CREATE TABLE notes (id int);");
    // Non-transactional (CONCURRENTLY) and failing: with a non-transactional advisory lock,
    // Flyway keeps the row it writes for the failure.
    Files.writeString(
        migrations.resolve("V2__index_notes.sql"),
        "CREATE INDEX CONCURRENTLY notes_missing ON notes (missing);");
    FluentConfiguration configuration =
        Flyway.configure()
            .dataSource(db.jdbcUrl(), db.user(), db.password().reveal())
            .locations("filesystem:" + migrations)
            .loggers(FlywayLogBridge.class.getName());
    configuration
        .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(false);
    Flyway flyway = configuration.load();
    assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class);

    MigrationHistory history = read(db, HistoryFormat.FLYWAY, null);

    assertThat(history.applied())
        .extracting(HistoryEntry::id, HistoryEntry::success)
        .containsExactly(tuple("1", true), tuple("2", false));
    assertThat(history.dirty()).hasSize(1);
    DirtyState dirty = history.dirty().get(0);
    assertThat(dirty.format()).isEqualTo(HistoryFormat.FLYWAY);
    assertThat(dirty.what())
        .startsWith("Flyway recorded migration 2 (index notes) as failed in")
        .contains("public.flyway_schema_history", "outside a transaction");
    String delete =
        "DELETE FROM \"public\".\"flyway_schema_history\" WHERE installed_rank = 2 AND success ="
            + " false;";
    assertThat(dirty.wayOut()).contains("V2__index_notes.sql", "`flyway repair`", delete);

    execute(db, delete);
    assertThat(read(db, HistoryFormat.FLYWAY, null).dirty()).isEmpty();
  }

  @Test
  void read_tableWithAnotherNameAndSchema_baselineAndSchemaMarker(DatabaseConfig db) {
    // Flyway 4's default name, in a schema Flyway created itself (hence the SCHEMA marker row).
    execute(
        db,
        "CREATE SCHEMA app",
        FLYWAY
            .replace("\"public\".\"flyway_schema_history\"", "\"app\".\"schema_version\"")
            .replace("flyway_schema_history_", "schema_version_"),
        INSERT.replace("\"public\".\"flyway_schema_history\"", "\"app\".\"schema_version\"")
            + "(0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '\"app\"', NULL, 'app', now(),"
            + " 0, true),"
            + "(1, '5', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'app',"
            + " now(), 0, true),"
            + "(2, '6', 'add column', 'SQL', 'V6__add_column.sql', 3, 'app', now(), 4, true)");

    MigrationHistory history = read(db, HistoryFormat.FLYWAY, "app.schema_version");

    assertThat(history.table()).isEqualTo("app.schema_version");
    assertThat(history.applied()).extracting(HistoryEntry::id).containsExactly("5", "6");
    assertThat(history.applied().get(0).detail()).startsWith("BASELINE ");
    assertThat(ToolTables.detect(db))
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.format()).isEqualTo(HistoryFormat.FLYWAY);
              assertThat(found.table()).isEqualTo("app.schema_version");
            });
  }

  @Test
  void read_noTableYet_isEmpty(DatabaseConfig db) {
    MigrationHistory history = read(db, HistoryFormat.FLYWAY, null);

    assertThat(history.table()).isEqualTo("public.flyway_schema_history");
    assertThat(history.applied()).isEmpty();
    assertThat(history.dirty()).isEmpty();
  }
}
