package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lockstep's own table, written by Lockstep's real runner (Flyway as a library). */
@ExtendWith(PostgresExtension.class)
class LockstepHistoryTest {
  @TempDir Path migrations;

  @Test
  void read_tableTheRunnerWrote_matchesTheRunnersOwnHistory(DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text);");
    write("V2__add_tags.sql", "ALTER TABLE notes ADD COLUMN tags text[];");
    MigrationRunner runner = runner(db, HistoryReader.LOCKSTEP_TABLE);
    runner.migrate(release());

    MigrationHistory history = ToolTables.read(db, HistoryFormat.LOCKSTEP, null);

    assertThat(history.table()).isEqualTo("public.lockstep_schema_history");
    assertThat(history.applied()).extracting(HistoryEntry::id).containsExactly("1", "2");
    assertThat(history.applied())
        .extracting(HistoryEntry::description)
        .containsExactly("create notes", "add tags");
    List<AppliedMigration> runners = runner.history();
    assertThat(history.applied())
        .extracting(HistoryEntry::appliedAt)
        .containsExactlyElementsOf(runners.stream().map(AppliedMigration::installedOn).toList());
    assertThat(history.applied()).allMatch(e -> e.checksum() != null && e.success());
    assertThat(history.dirty()).isEmpty();
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.LOCKSTEP);
  }

  @Test
  void read_nonTransactionalMigrationFailed_runnerLeavesNoRow(DatabaseConfig db) throws Exception {
    write("V1__create_notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text);");
    // CONCURRENTLY makes Flyway run it outside a transaction. Flyway records the failure, but
    // inside its transactional advisory lock (the default since 9.1.2), which rolls the record
    // back: the table shows no trace of the failure.
    write("V2__index_notes.sql", "CREATE INDEX CONCURRENTLY notes_missing ON notes (missing);");
    MigrationRunner runner = runner(db, "app_history");
    assertThatThrownBy(() -> runner.migrate(release())).isNotNull();

    MigrationHistory history;
    try (Connection connection = new Database(db).connect()) {
      history = new HistoryReader(connection, "app_history").read(HistoryFormat.LOCKSTEP, null);
    }

    assertThat(history.table()).isEqualTo("public.app_history");
    assertThat(history.applied()).extracting(HistoryEntry::id).containsExactly("1");
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void read_failedRow_isDirtyWithoutFlywayRepair(DatabaseConfig db) {
    ToolTables.execute(
        db,
        ToolTables.FLYWAY
            .replace("flyway_schema_history\"", "lockstep_schema_history\"")
            .replace("\"flyway_schema_history_", "\"lockstep_schema_history_"),
        "INSERT INTO lockstep_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES"
            + " (1, '1', 'create notes', 'SQL', 'V1__create_notes.sql', 1, 'lockstep', 3, true),"
            + " (2, '2', 'index notes', 'SQL', 'V2__index_notes.sql', 2, 'lockstep', 8, false)");

    MigrationHistory history = ToolTables.read(db, HistoryFormat.LOCKSTEP, null);

    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.format()).isEqualTo(HistoryFormat.LOCKSTEP);
              assertThat(dirty.what())
                  .startsWith(
                      "Lockstep's migration runner (Flyway) recorded migration 2 (index notes)");
              assertThat(dirty.wayOut())
                  .contains(
                      "V2__index_notes.sql",
                      "DELETE FROM \"public\".\"lockstep_schema_history\" WHERE installed_rank = 2",
                      "run the upgrade again")
                  .doesNotContain("flyway repair");
            });
  }

  private MigrationRunner runner(DatabaseConfig db, String table) {
    return new MigrationRunner(db, new MigrationsConfig(table, Duration.ofSeconds(20)));
  }

  private ReleaseManifest release() {
    return new ReleaseManifest(
        migrations.resolve("release.yaml"),
        "notes",
        Version.parse("1.0.0"),
        Map.of(),
        migrations,
        List.of(),
        "");
  }

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }
}
