package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.GOLANG_MIGRATE;
import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class GolangMigrateHistoryTest {
  // SetVersion: TRUNCATE, then one row, in one transaction.
  private static final String SET_VERSION =
      "TRUNCATE \"public\".\"schema_migrations\";"
          + " INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES ";

  @Test
  void read_currentVersion_isTheOnlyEntry(DatabaseConfig db) {
    execute(db, GOLANG_MIGRATE, SET_VERSION + "(3, false)");

    MigrationHistory history = read(db, HistoryFormat.GOLANG_MIGRATE, null);

    assertThat(history.table()).isEqualTo("public.schema_migrations");
    assertThat(history.applied())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.id()).isEqualTo("3");
              assertThat(entry.success()).isTrue();
              assertThat(entry.detail()).contains("every version up to it counts as applied");
            });
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void read_dirtyVersion_isDirtyWithForceWayOut(DatabaseConfig db) {
    // What golang-migrate writes before running migration 4, and leaves when it fails.
    execute(db, GOLANG_MIGRATE, SET_VERSION + "(4, true)");

    MigrationHistory history = read(db, HistoryFormat.GOLANG_MIGRATE, null);

    assertThat(history.applied()).singleElement().matches(e -> !e.success());
    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.format()).isEqualTo(HistoryFormat.GOLANG_MIGRATE);
              assertThat(dirty.what())
                  .startsWith(
                      "golang-migrate marked version 4 as dirty in public.schema_migrations")
                  .contains("Dirty database version 4. Fix and force version.");
              assertThat(dirty.wayOut())
                  .contains(
                      "force <the version before 4>",
                      "force 4",
                      "UPDATE \"public\".\"schema_migrations\" SET version = <the version before 4>,"
                          + " dirty = false;");
            });
  }

  @Test
  void detect_golangMigrateAndRailsTablesOfOneName_inOneDatabase(DatabaseConfig db) {
    execute(
        db,
        GOLANG_MIGRATE,
        SET_VERSION + "(20240101000000, false)",
        "CREATE SCHEMA rails",
        "SET search_path TO rails",
        ToolTables.RAILS,
        "INSERT INTO rails.schema_migrations VALUES ('1'), ('2')");

    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format, MigrationHistory::table)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HistoryFormat.RAILS, "rails.schema_migrations"),
            org.assertj.core.groups.Tuple.tuple(
                HistoryFormat.GOLANG_MIGRATE, "public.schema_migrations"));
  }
}
