package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class EctoHistoryTest {

  /**
   * ecto_sql 3.12 ({@code Ecto.Migration.SchemaMigration}: version bigint primary key, inserted_at
   * naive_datetime), as the Postgres adapter writes it.
   */
  static final String ECTO =
      """
      CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" bigint, "inserted_at" timestamp(0), PRIMARY KEY ("version"))
      """;

  @Test
  void read_versionsInOrder_insertedAtAsUtc(DatabaseConfig db) {
    execute(
        db,
        // Whatever the session's zone, inserted_at is UTC (NaiveDateTime.utc_now).
        "SET TIME ZONE 'America/New_York'",
        ECTO,
        "INSERT INTO \"schema_migrations\" (\"version\",\"inserted_at\") VALUES"
            + " (20240301090000, '2024-03-01 09:00:05'),"
            + " (20240101120000, '2024-01-01 12:00:05')");

    MigrationHistory history = read(db, HistoryFormat.ECTO, null);

    assertThat(history.table()).isEqualTo("public.schema_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("20240101120000", "20240301090000");
    assertThat(history.applied().get(0).appliedAt())
        .isEqualTo(Instant.parse("2024-01-01T12:00:05Z"));
    assertThat(history.dirty()).isEmpty();
    PendingMigrations compared =
        PendingCalculator.compare(history, List.of("20240301090000", "20240401090000"));
    assertThat(compared.pending()).containsExactly("20240401090000");
    assertThat(compared.unknown()).containsExactly("20240101120000");
  }

  @Test
  void detect_ectoTable_isNeitherRailsNorGolangMigrate(DatabaseConfig db) {
    execute(db, ECTO, "INSERT INTO schema_migrations VALUES (1, now())");

    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.ECTO);
  }
}
