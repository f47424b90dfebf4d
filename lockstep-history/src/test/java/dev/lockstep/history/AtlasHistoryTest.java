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
class AtlasHistoryTest {

  /** Atlas 0.2x ({@code cmd/atlas/internal/migrate/ent/schema/revision.go}), on PostgreSQL. */
  static final String ATLAS =
      """
      CREATE SCHEMA "atlas_schema_revisions";
      CREATE TABLE "atlas_schema_revisions"."atlas_schema_revisions" ("version" character varying NOT NULL, "description" character varying NOT NULL, "type" bigint NOT NULL DEFAULT 2, "applied" bigint NOT NULL DEFAULT 0, "total" bigint NOT NULL DEFAULT 0, "executed_at" timestamptz NOT NULL, "execution_time" bigint NOT NULL, "error" text NULL, "error_stmt" text NULL, "hash" character varying NOT NULL, "partial_hashes" jsonb NULL, "operator_version" character varying NOT NULL, PRIMARY KEY ("version"));
      """;

  private static final String REVISION =
      "INSERT INTO \"atlas_schema_revisions\".\"atlas_schema_revisions\" (\"version\","
          + " \"description\", \"type\", \"applied\", \"total\", \"executed_at\","
          + " \"execution_time\", \"error\", \"error_stmt\", \"hash\", \"partial_hashes\","
          + " \"operator_version\") VALUES ";

  @Test
  void read_revisionsInItsSchema_withStatementsApplied(DatabaseConfig db) {
    execute(
        db,
        ATLAS,
        REVISION
            + "('20240101120000', 'init', 1, 0, 0, '2024-01-01T12:00:00Z', 0, NULL, NULL,"
            + " 'h0', NULL, 'Atlas CLI v0.28.0'),"
            + "('20240201120000', 'add_notes', 2, 3, 3, '2024-02-01T12:00:00Z', 1500000, NULL,"
            + " NULL, 'h1', '[\"a\",\"b\",\"c\"]', 'Atlas CLI v0.28.0')");

    MigrationHistory history = read(db, HistoryFormat.ATLAS, null);

    assertThat(history.table()).isEqualTo("atlas_schema_revisions.atlas_schema_revisions");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("20240101120000", "20240201120000");
    HistoryEntry notes = history.applied().get(1);
    assertThat(notes.success()).isTrue();
    assertThat(notes.executionTime()).isEqualTo(Duration.ofNanos(1_500_000));
    assertThat(notes.detail()).isEqualTo("type 2, 3 of 3 statements applied");
    assertThat(history.dirty()).isEmpty();
    PendingMigrations compared =
        PendingCalculator.compare(
            history, List.of("20240201120000", "20240301120000"), "20240101120000");
    assertThat(compared.pending()).containsExactly("20240301120000");
    assertThat(compared.unknown()).isEmpty();
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.ATLAS);
  }

  @Test
  void read_revisionWithAnError_isDirtyAndNotApplied(DatabaseConfig db) {
    execute(
        db,
        ATLAS,
        REVISION
            + "('20240301120000', 'index_notes', 2, 1, 2, now(), 900000,"
            + " 'pq: relation \"notes\" does not exist', 'CREATE INDEX i ON notes (body);',"
            + " 'h2', '[\"a\"]', 'Atlas CLI v0.28.0')");

    MigrationHistory history = read(db, HistoryFormat.ATLAS, null);

    assertThat(history.applied()).singleElement().matches(e -> !e.success());
    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.what())
                  .contains("revision 20240301120000")
                  .contains("1 of 2 statements applied")
                  .contains("relation \"notes\" does not exist")
                  .contains("CREATE INDEX i ON notes (body);");
              assertThat(dirty.wayOut()).contains("atlas migrate apply", "atlas migrate set");
            });
    assertThat(PendingCalculator.compare(history, List.of("20240301120000")).pending())
        .containsExactly("20240301120000");
  }

  @Test
  void read_fewerStatementsAppliedThanTotal_isDirtyWithoutAnError(DatabaseConfig db) {
    // A run killed between statements: no error recorded, 1 of 3 applied.
    execute(
        db,
        ATLAS,
        REVISION
            + "('5', 'backfill', 2, 1, 3, now(), 0, NULL, NULL, 'h', '[\"a\"]', 'Atlas CLI"
            + " v0.28.0')");

    assertThat(read(db, HistoryFormat.ATLAS, null).dirty())
        .singleElement()
        .satisfies(d -> assertThat(d.what()).contains("1 of 3 statements applied"));
  }
}
