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
class EfCoreHistoryTest {

  /** Npgsql.EntityFrameworkCore.PostgreSQL 8 ({@code NpgsqlHistoryRepository.GetCreateScript}). */
  static final String EF_CORE =
      """
      CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
          "MigrationId" character varying(150) NOT NULL,
          "ProductVersion" character varying(32) NOT NULL,
          CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
      );
      """;

  @Test
  void read_migrationIdsInIdOrder_withTheEfVersion(DatabaseConfig db) {
    execute(
        db,
        EF_CORE,
        // HistoryRepository.GetInsertScript, one per migration.
        "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\")"
            + " VALUES ('20240301090000_AddTags', '8.0.4')",
        "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\")"
            + " VALUES ('20230101000000_InitialCreate', '7.0.14')");

    MigrationHistory history = read(db, HistoryFormat.EF_CORE, null);

    assertThat(history.table()).isEqualTo("public.__EFMigrationsHistory");
    assertThat(history.applied())
        .extracting(HistoryEntry::id, HistoryEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("20230101000000_InitialCreate", "EF Core 7.0.14"),
            org.assertj.core.groups.Tuple.tuple("20240301090000_AddTags", "EF Core 8.0.4"));
    assertThat(history.applied().get(1).description()).isEqualTo("AddTags");
    PendingMigrations compared =
        PendingCalculator.compare(
            history,
            List.of("20240301090000_AddTags", "20240501090000_IndexTags"),
            "20230101000000_InitialCreate");
    assertThat(compared.pending()).containsExactly("20240501090000_IndexTags");
    assertThat(compared.unknown()).isEmpty();
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.EF_CORE);
  }
}
