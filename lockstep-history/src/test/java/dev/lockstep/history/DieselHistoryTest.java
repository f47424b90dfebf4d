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
class DieselHistoryTest {

  /** diesel_migrations 2.2 ({@code setup_migration_table.sql}). */
  static final String DIESEL =
      """
      CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
             version VARCHAR(50) PRIMARY KEY NOT NULL,
             run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
      );
      """;

  @Test
  void read_versionsByNumber_withRunOn(DatabaseConfig db) {
    execute(
        db,
        DIESEL,
        // The version of 00000000000000_diesel_initial_setup and 2024-01-01-120000_create_users.
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000')",
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101120000')");

    MigrationHistory history = read(db, HistoryFormat.DIESEL, null);

    assertThat(history.table()).isEqualTo("public.__diesel_schema_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("00000000000000", "20240101120000");
    assertThat(history.applied()).allMatch(e -> e.appliedAt() != null);
    PendingMigrations compared =
        PendingCalculator.compare(
            history, List.of("20240101120000", "20240201120000"), "00000000000000");
    assertThat(compared.pending()).containsExactly("20240201120000");
    assertThat(compared.unknown()).isEmpty();
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.DIESEL);
  }
}
