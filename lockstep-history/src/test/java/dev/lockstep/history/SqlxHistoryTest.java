package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SqlxHistoryTest {

  /** sqlx 0.8 ({@code sqlx-postgres/src/migrate.rs}, {@code ensure_migrations_table}). */
  static final String SQLX =
      """
      CREATE TABLE IF NOT EXISTS _sqlx_migrations (
          version BIGINT PRIMARY KEY,
          description TEXT NOT NULL,
          installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
          success BOOLEAN NOT NULL,
          checksum BYTEA NOT NULL,
          execution_time BIGINT NOT NULL
      );
      """;

  // apply: INSERT with success = FALSE and execution_time -1, then UPDATE when it finished.
  private static final String STARTED =
      "INSERT INTO _sqlx_migrations ( version, description, success, checksum, execution_time )"
          + " VALUES ";

  @Test
  void read_finishedMigrations_withNanosecondTimes(DatabaseConfig db) {
    execute(
        db,
        SQLX,
        STARTED + "( 20240101120000, 'create users', FALSE, '\\xab01'::bytea, -1 )",
        "UPDATE _sqlx_migrations SET success = TRUE, execution_time = 2500000"
            + " WHERE version = 20240101120000",
        STARTED + "( 20240201120000, 'add notes', TRUE, '\\xcd02'::bytea, 1000000 )");

    MigrationHistory history = read(db, HistoryFormat.SQLX, null);

    assertThat(history.table()).isEqualTo("public._sqlx_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("20240101120000", "20240201120000");
    HistoryEntry first = history.applied().get(0);
    assertThat(first.description()).isEqualTo("create users");
    assertThat(first.executionTime()).isEqualTo(Duration.ofMillis(2500).dividedBy(1000));
    assertThat(first.checksum()).isEqualTo("ab01");
    assertThat(history.dirty()).isEmpty();
    assertThat(
            PendingCalculator.compare(history, List.of("20240201120000", "20240301120000"))
                .pending())
        .containsExactly("20240301120000");
  }

  @Test
  void read_unfinishedMigration_isDirtyAndNotApplied(DatabaseConfig db) {
    execute(
        db,
        SQLX,
        STARTED + "( 1, 'init', TRUE, '\\x01'::bytea, 1000 )",
        // A -- no-transaction migration that failed half-way: its row stays FALSE.
        STARTED + "( 2, 'concurrent index', FALSE, '\\x02'::bytea, -1 )");

    MigrationHistory history = read(db, HistoryFormat.SQLX, null);

    assertThat(history.applied())
        .extracting(HistoryEntry::id, HistoryEntry::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", true),
            org.assertj.core.groups.Tuple.tuple("2", false));
    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.format()).isEqualTo(HistoryFormat.SQLX);
              assertThat(dirty.what())
                  .contains("migration 2 (concurrent index)")
                  .contains("is partially applied; fix and remove row from `_sqlx_migrations`");
              assertThat(dirty.wayOut())
                  .contains("DELETE FROM \"public\".\"_sqlx_migrations\" WHERE version = 2;");
            });
    assertThat(PendingCalculator.compare(history, List.of("1", "2")).pending())
        .containsExactly("2");
  }
}
