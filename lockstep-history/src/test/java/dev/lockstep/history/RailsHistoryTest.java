package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.RAILS;
import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RailsHistoryTest {

  @Test
  void read_versionsInNumericOrder_withoutTimesOrDirtyState(DatabaseConfig db) {
    execute(
        db,
        RAILS,
        // SchemaMigration#create_version, one insert per migration (Rails keeps no order).
        "INSERT INTO \"schema_migrations\" (\"version\") VALUES ('20240301090000')",
        "INSERT INTO \"schema_migrations\" (\"version\") VALUES ('20231115120000')",
        "INSERT INTO \"schema_migrations\" (\"version\") VALUES ('20240101000000')");

    MigrationHistory history = read(db, HistoryFormat.RAILS, null);

    assertThat(history.table()).isEqualTo("public.schema_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("20231115120000", "20240101000000", "20240301090000");
    assertThat(history.applied())
        .allMatch(e -> e.success() && e.appliedAt() == null && e.description() == null);
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void detect_railsTable_isRailsNotGolangMigrate(DatabaseConfig db) {
    execute(db, RAILS, "INSERT INTO schema_migrations VALUES ('20240101000000')");

    assertThat(ToolTables.detect(db))
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.format()).isEqualTo(HistoryFormat.RAILS);
              assertThat(found.applied())
                  .extracting(HistoryEntry::id)
                  .containsExactly("20240101000000");
            });
  }
}
