package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.PRISMA;
import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows as prisma-engines' {@code sql_migration_persistence.rs} writes them: {@code
 * record_migration_started} inserts (id, checksum, started_at, migration_name), {@code
 * record_successful_step} counts steps, {@code record_migration_finished} sets finished_at, {@code
 * record_failed_step} sets logs, and {@code migrate resolve --rolled-back} sets rolled_back_at.
 */
@ExtendWith(PostgresExtension.class)
class PrismaHistoryTest {
  private static final String STARTED =
      "INSERT INTO \"_prisma_migrations\" (\"id\", \"checksum\", \"started_at\","
          + " \"migration_name\") VALUES ";

  @Test
  void read_appliedFailedAndRolledBack(DatabaseConfig db) {
    execute(
        db,
        PRISMA,
        STARTED
            + "('8a3c1f52-0000-4000-8000-000000000001', 'aa11', '2024-05-01T10:00:00Z',"
            + " '20240501100000_init'),"
            + "('8a3c1f52-0000-4000-8000-000000000002', 'bb22', '2024-05-02T10:00:00Z',"
            + " '20240502100000_add_tags'),"
            + "('8a3c1f52-0000-4000-8000-000000000003', 'bb22', '2024-05-03T10:00:00Z',"
            + " '20240502100000_add_tags'),"
            + "('8a3c1f52-0000-4000-8000-000000000004', 'cc33', '2024-05-03T10:00:01Z',"
            + " '20240503100000_index_notes')",
        "UPDATE \"_prisma_migrations\" SET \"applied_steps_count\" = \"applied_steps_count\" + 1",
        "UPDATE \"_prisma_migrations\" SET \"finished_at\" = started_at + interval '250 ms'"
            + " WHERE id LIKE '%1' OR id LIKE '%3'",
        // The first try of add_tags failed, then was resolved as rolled back and applied again.
        "UPDATE \"_prisma_migrations\" SET \"logs\" = 'boom', \"rolled_back_at\" = now()"
            + " WHERE id LIKE '%2'",
        "UPDATE \"_prisma_migrations\" SET \"applied_steps_count\" = 0, \"logs\" ="
            + " E'Database error code: 42P01\\n\\nDatabase error:\\nERROR: relation \"notes\" does"
            + " not exist' WHERE id LIKE '%4'");

    MigrationHistory history = read(db, HistoryFormat.PRISMA, null);

    assertThat(history.table()).isEqualTo("public._prisma_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id, HistoryEntry::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("20240501100000_init", true),
            org.assertj.core.groups.Tuple.tuple("20240502100000_add_tags", true),
            org.assertj.core.groups.Tuple.tuple("20240503100000_index_notes", false));
    HistoryEntry init = history.applied().get(0);
    assertThat(init.description()).isEqualTo("init");
    assertThat(init.appliedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.250Z"));
    assertThat(init.executionTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(init.checksum()).isEqualTo("aa11");
    assertThat(init.detail()).isEqualTo("applied steps 1");
    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.format()).isEqualTo(HistoryFormat.PRISMA);
              assertThat(dirty.what())
                  .startsWith(
                      "Prisma migration 20240503100000_index_notes failed in"
                          + " public._prisma_migrations (started 2024-05-03T10:00:01Z, 0 step(s) applied)")
                  .contains("ERROR: relation \"notes\" does not exist", "P3009");
              assertThat(dirty.wayOut())
                  .contains(
                      "`npx prisma migrate resolve --rolled-back 20240503100000_index_notes`",
                      "`npx prisma migrate resolve --applied 20240503100000_index_notes`");
            });
  }

  @Test
  void read_startedNeverFinishedWithoutLog_saysRunningOrKilled(DatabaseConfig db) {
    execute(
        db,
        PRISMA,
        STARTED + "('8a3c1f52-0000-4000-8000-000000000009', 'dd44', now(), '20240601_slow')");

    MigrationHistory history = read(db, HistoryFormat.PRISMA, null);

    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty ->
                assertThat(dirty.what())
                    .contains("never finished", "is running right now, or it was killed"));
  }
}
