package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class HistoryReaderTest {

  @Test
  void detect_emptyDatabase_findsNothing(DatabaseConfig db) {
    execute(db, "CREATE TABLE schema_migrations (id int)", "CREATE TABLE notes (version text)");

    assertThat(ToolTables.detect(db)).isEmpty();
  }

  @Test
  void detect_severalToolsInOneDatabase_eachWithItsFormat(DatabaseConfig db) {
    execute(
        db,
        ToolTables.FLYWAY,
        ToolTables.FLYWAY
            .replace("flyway_schema_history\"", "lockstep_schema_history\"")
            .replace("\"flyway_schema_history_", "\"lockstep_schema_history_"),
        ToolTables.LIQUIBASE,
        ToolTables.GOLANG_MIGRATE,
        "INSERT INTO schema_migrations VALUES (2, false)",
        ToolTables.PRISMA,
        ToolTables.DJANGO,
        ToolTables.DRIZZLE_0,
        "CREATE SCHEMA legacy",
        "SET search_path TO legacy",
        ToolTables.RAILS);

    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format, MigrationHistory::table)
        .containsExactly(
            tuple(HistoryFormat.LOCKSTEP, "public.lockstep_schema_history"),
            tuple(HistoryFormat.FLYWAY, "public.flyway_schema_history"),
            tuple(HistoryFormat.LIQUIBASE, "public.databasechangelog"),
            tuple(HistoryFormat.RAILS, "legacy.schema_migrations"),
            tuple(HistoryFormat.GOLANG_MIGRATE, "public.schema_migrations"),
            tuple(HistoryFormat.PRISMA, "public._prisma_migrations"),
            tuple(HistoryFormat.DJANGO, "public.django_migrations"),
            tuple(HistoryFormat.DRIZZLE, "drizzle.__drizzle_migrations"));
  }

  @Test
  void detect_configuredLockstepTableName_isLockstepNotFlyway(DatabaseConfig db) throws Exception {
    execute(
        db,
        ToolTables.FLYWAY
            .replace("flyway_schema_history\"", "MyHistory\"")
            .replace("\"flyway_schema_history_", "\"MyHistory_"));

    try (Connection connection = new Database(db).connect()) {
      assertThat(new HistoryReader(connection, "MyHistory").detect())
          .extracting(MigrationHistory::format, MigrationHistory::table)
          .containsExactly(tuple(HistoryFormat.LOCKSTEP, "public.MyHistory"));
      assertThat(new HistoryReader(connection).detect())
          .extracting(MigrationHistory::format)
          .containsExactly(HistoryFormat.FLYWAY);
      assertThat(new HistoryReader(connection, "MyHistory").read(HistoryFormat.LOCKSTEP, null))
          .extracting(MigrationHistory::table)
          .isEqualTo("public.MyHistory");
    }
  }

  @Test
  void read_namedTable_quotedOrQualified(DatabaseConfig db) {
    execute(
        db,
        "CREATE SCHEMA \"My App\"",
        ToolTables.DJANGO.replace("\"django_migrations\"", "\"My App\".\"Django.History\""),
        "INSERT INTO \"My App\".\"Django.History\" (app, name, applied) VALUES"
            + " ('notes', '0001_initial', now())");

    MigrationHistory history = read(db, HistoryFormat.DJANGO, "\"My App\".\"Django.History\"");

    assertThat(history.table()).isEqualTo("My App.Django.History");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("notes.0001_initial");
  }

  @Test
  void read_tableOfAnotherTool_isConfigInvalidNamingTheRightOne(DatabaseConfig db) {
    execute(db, ToolTables.GOLANG_MIGRATE);

    assertThatThrownBy(() -> read(db, HistoryFormat.RAILS, null))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID))
        .hasMessageContaining(
            "The table public.schema_migrations has the columns (version bigint, dirty boolean),"
                + " which is golang-migrate's layout, not Rails's.");
  }

  @Test
  void read_closedConnection_isDatabaseUnreachable(DatabaseConfig db) throws Exception {
    Connection connection = new Database(db).connect();
    connection.close();

    assertThatThrownBy(() -> new HistoryReader(connection).read(HistoryFormat.PRISMA, null))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE))
        .hasMessageStartingWith("Could not read the Prisma history table");
  }
}
