package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class LaravelHistoryTest {

  /**
   * Laravel 11 ({@code DatabaseMigrationRepository::createRepository}: increments id, string
   * migration, integer batch), as its PostgresGrammar writes it.
   */
  static final String LARAVEL =
      """
      create table "migrations" ("id" serial not null primary key, "migration" varchar(255) not null, "batch" integer not null)
      """;

  @Test
  void read_migrationsByBatch_withoutExtension(DatabaseConfig db) {
    execute(
        db,
        LARAVEL,
        // DatabaseMigrationRepository::log, one per file.
        "insert into \"migrations\" (\"migration\", \"batch\") values"
            + " ('0001_01_01_000000_create_users_table', 1),"
            + " ('0001_01_01_000001_create_cache_table', 1),"
            + " ('2024_05_01_120000_add_tags_to_posts', 2)");

    MigrationHistory history = read(db, HistoryFormat.LARAVEL, null);

    assertThat(history.table()).isEqualTo("public.migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly(
            "0001_01_01_000000_create_users_table",
            "0001_01_01_000001_create_cache_table",
            "2024_05_01_120000_add_tags_to_posts");
    HistoryEntry last = history.applied().get(2);
    assertThat(last.description()).isEqualTo("add tags to posts");
    assertThat(last.detail()).isEqualTo("batch 2");
    assertThat(history.dirty()).isEmpty();
    PendingMigrations compared =
        PendingCalculator.compare(
            history,
            List.of("2024_05_01_120000_add_tags_to_posts", "2024_06_01_120000_index_posts"),
            "0001_01_01_000001_create_cache_table");
    assertThat(compared.pending()).containsExactly("2024_06_01_120000_index_posts");
    assertThat(compared.unknown()).isEmpty();
  }
}
