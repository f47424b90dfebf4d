package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DrizzleHistoryTest {
  private static final String HASH =
      "563f0bc57d87e284c71533a5f67e1b525de720cf6727eed140f6c384ef06c995";

  @Test
  void read_drizzle0_idIsTheJournalTimestamp(DatabaseConfig db) {
    execute(
        db,
        ToolTables.DRIZZLE_0,
        // PgDialect.migrate: hash = sha256 of the file, created_at = the journal's "when".
        "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\") values('"
            + HASH
            + "', 1734221536864), ('ab', 1734300000000)");

    MigrationHistory history = read(db, HistoryFormat.DRIZZLE, null);

    assertThat(history.table()).isEqualTo("drizzle.__drizzle_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("1734221536864", "1734300000000");
    HistoryEntry first = history.applied().get(0);
    assertThat(first.checksum()).isEqualTo(HASH);
    assertThat(first.appliedAt()).isNull();
    assertThat(first.description()).isNull();
    assertThat(first.detail()).startsWith("created_at 1734221536864");
    assertThat(history.dirty()).isEmpty();
  }

  @Test
  void read_drizzle1_idIsTheName(DatabaseConfig db) {
    execute(
        db,
        ToolTables.DRIZZLE_1,
        "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\", \"name\","
            + " \"applied_at\") values('"
            + HASH
            + "', 1734221536000, '20241215001216_tiny_wolverine', '2024-12-20T10:00:00Z')");

    MigrationHistory history = read(db, HistoryFormat.DRIZZLE, null);

    assertThat(history.applied())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.id()).isEqualTo("20241215001216_tiny_wolverine");
              assertThat(entry.description()).isEqualTo("tiny wolverine");
              assertThat(entry.appliedAt()).isEqualTo(Instant.parse("2024-12-20T10:00:00Z"));
            });
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.DRIZZLE);
  }
}
