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

/** dbmate and Sqitch: a table of versions and a registry of changes. */
@ExtendWith(PostgresExtension.class)
class DbmateSqitchHistoryTest {

  /** dbmate 2 ({@code pkg/driver/postgres/postgres.go}, {@code CreateMigrationsTable}). */
  static final String DBMATE =
      """
      create table if not exists "public"."schema_migrations" (version varchar(128) primary key)
      """;

  /**
   * Sqitch 1.4 ({@code lib/App/Sqitch/Engine/pg.sql}), the registry tables a deploy writes to:
   * projects, changes and events, in the schema {@code sqitch}.
   */
  static final String SQITCH =
      """
      CREATE SCHEMA sqitch;
      CREATE TABLE sqitch.projects (
          project         TEXT        PRIMARY KEY,
          uri             TEXT            NULL UNIQUE,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
          creator_name    TEXT        NOT NULL,
          creator_email   TEXT        NOT NULL
      );
      CREATE TABLE sqitch.changes (
          change_id       TEXT        PRIMARY KEY,
          script_hash     TEXT            NULL,
          change          TEXT        NOT NULL,
          project         TEXT        NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE,
          note            TEXT        NOT NULL DEFAULT '',
          committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
          committer_name  TEXT        NOT NULL,
          committer_email TEXT        NOT NULL,
          planned_at      TIMESTAMPTZ NOT NULL,
          planner_name    TEXT        NOT NULL,
          planner_email   TEXT        NOT NULL,
          UNIQUE(project, script_hash)
      );
      CREATE TABLE sqitch.events (
          event           TEXT        NOT NULL CONSTRAINT events_event_check CHECK (event IN ('deploy', 'revert', 'fail', 'merge')),
          change_id       TEXT        NOT NULL,
          change          TEXT        NOT NULL,
          project         TEXT        NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE,
          note            TEXT        NOT NULL DEFAULT '',
          requires        TEXT[]      NOT NULL DEFAULT '{}',
          conflicts       TEXT[]      NOT NULL DEFAULT '{}',
          tags            TEXT[]      NOT NULL DEFAULT '{}',
          committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
          committer_name  TEXT        NOT NULL,
          committer_email TEXT        NOT NULL,
          planned_at      TIMESTAMPTZ NOT NULL,
          planner_name    TEXT        NOT NULL,
          planner_email   TEXT        NOT NULL,
          PRIMARY KEY (change_id, committed_at)
      );
      INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('flipr', 'Ann', 'ann@example.com');
      """;

  private static String deployed(String id, String change, String note, String at) {
    String planned = "'2024-01-01T00:00:00Z', 'Ann', 'ann@example.com'";
    return "INSERT INTO sqitch.changes (change_id, script_hash, change, project, note,"
        + " committed_at, committer_name, committer_email, planned_at, planner_name,"
        + " planner_email) VALUES ('"
        + id
        + "', 'sha-"
        + id
        + "', '"
        + change
        + "', 'flipr', '"
        + note
        + "', '"
        + at
        + "', 'Bob', 'bob@example.com', "
        + planned
        + ");"
        + " INSERT INTO sqitch.events (event, change_id, change, project, note, committed_at,"
        + " committer_name, committer_email, planned_at, planner_name, planner_email) VALUES"
        + " ('deploy', '"
        + id
        + "', '"
        + change
        + "', 'flipr', '"
        + note
        + "', '"
        + at
        + "', 'Bob', 'bob@example.com', "
        + planned
        + ")";
  }

  @Test
  void read_dbmate_versionsAsRailsReadsThem(DatabaseConfig db) {
    execute(
        db,
        DBMATE,
        "insert into \"public\".\"schema_migrations\" (version) values ('20240301090000')",
        "insert into \"public\".\"schema_migrations\" (version) values ('20240101120000')");

    MigrationHistory history = read(db, HistoryFormat.DBMATE, null);

    assertThat(history.format()).isEqualTo(HistoryFormat.DBMATE);
    assertThat(history.table()).isEqualTo("public.schema_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("20240101120000", "20240301090000");
    PendingMigrations compared =
        PendingCalculator.compare(history, List.of("20240301090000", "20240401090000"));
    assertThat(compared.pending()).containsExactly("20240401090000");
    assertThat(compared.unknown()).containsExactly("20240101120000");
    // The baseline need not be in the table: versions compare by number.
    assertThat(
            PendingCalculator.compare(
                    history, List.of("20240301090000", "20240401090000"), "20240201000000")
                .unknown())
        .isEmpty();
  }

  @Test
  void read_sqitch_deployedChangesInItsSchema(DatabaseConfig db) {
    execute(
        db,
        SQITCH,
        deployed("c1", "appschema", "Add schema for all flipr objects.", "2024-01-01T10:00:00Z"),
        deployed("c2", "users", "Creates table to track our users.", "2024-01-01T10:00:01Z"),
        deployed("c3", "flips", "", "2024-02-01T10:00:00Z"),
        // sqitch revert flips: the change row goes, the events keep the log.
        "DELETE FROM sqitch.changes WHERE change_id = 'c3'",
        "INSERT INTO sqitch.events (event, change_id, change, project, committed_at,"
            + " committer_name, committer_email, planned_at, planner_name, planner_email)"
            + " VALUES ('revert', 'c3', 'flips', 'flipr', '2024-02-02T10:00:00Z', 'Bob',"
            + " 'bob@example.com', '2024-01-01T00:00:00Z', 'Ann', 'ann@example.com')");

    MigrationHistory history = read(db, HistoryFormat.SQITCH, null);

    assertThat(history.table()).isEqualTo("sqitch.changes");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("appschema", "users");
    HistoryEntry users = history.applied().get(1);
    assertThat(users.description()).isEqualTo("Creates table to track our users.");
    assertThat(users.appliedAt()).isEqualTo(Instant.parse("2024-01-01T10:00:01Z"));
    assertThat(users.checksum()).isEqualTo("sha-c2");
    assertThat(users.detail()).isEqualTo("project flipr, change id c2");
    assertThat(history.dirty()).isEmpty();
    PendingMigrations compared =
        PendingCalculator.compare(history, List.of("users", "flips"), "appschema");
    assertThat(compared.pending()).containsExactly("flips");
    assertThat(compared.unknown()).isEmpty();
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.SQITCH);
  }
}
