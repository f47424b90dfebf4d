package dev.lockstep.history;

import static dev.lockstep.history.ToolTables.execute;
import static dev.lockstep.history.ToolTables.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TypeORM and Sequelize, the two Node ORMs whose migrators keep a table of names. */
@ExtendWith(PostgresExtension.class)
class NodeOrmHistoryTest {

  /**
   * TypeORM 0.3 ({@code MigrationExecutor.createMigrationsTableIfNotExist}: id int generated
   * increment primary, timestamp bigint, name varchar), as its PostgresQueryRunner writes it.
   */
  static final String TYPEORM =
      """
      CREATE TABLE "migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY ("id"))
      """;

  /**
   * Sequelize 6 with umzug's {@code SequelizeStorage} ({@code name: STRING, allowNull: false,
   * unique: true, primaryKey: true}), as {@code Model.sync} writes it.
   */
  static final String SEQUELIZE =
      """
      CREATE TABLE IF NOT EXISTS "SequelizeMeta" ("name" VARCHAR(255) NOT NULL UNIQUE , PRIMARY KEY ("name"));
      """;

  @Test
  void read_typeorm_classNamesInTheOrderRun(DatabaseConfig db) {
    execute(
        db,
        TYPEORM,
        // MigrationExecutor.insertExecutedMigration, one per migration class.
        "INSERT INTO \"migrations\"(\"timestamp\", \"name\") VALUES ($1, $2)"
            .replace("$1", "1700000000000")
            .replace("$2", "'Init1700000000000'"),
        "INSERT INTO \"migrations\"(\"timestamp\", \"name\") VALUES (1710000000000,"
            + " 'AddTags1710000000000')");

    MigrationHistory history = read(db, HistoryFormat.TYPEORM, null);

    assertThat(history.table()).isEqualTo("public.migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id, HistoryEntry::description)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Init1700000000000", "Init"),
            org.assertj.core.groups.Tuple.tuple("AddTags1710000000000", "AddTags"));
    assertThat(history.applied().get(1).detail()).startsWith("timestamp 1710000000000");
    assertThat(history.dirty()).isEmpty();
    PendingMigrations compared =
        PendingCalculator.compare(
            history,
            List.of("Init1700000000000", "AddTags1710000000000", "IndexNotes1720000000000"));
    assertThat(compared.pending()).containsExactly("IndexNotes1720000000000");
    assertThat(compared.unknown()).isEmpty();
  }

  @Test
  void detect_typeormAndLaravelTablesOfOneName_tellThemApart(DatabaseConfig db) {
    execute(
        db,
        TYPEORM,
        "INSERT INTO \"migrations\"(\"timestamp\", \"name\") VALUES (1, 'Init1')",
        "CREATE SCHEMA laravel",
        "SET search_path TO laravel",
        LaravelHistoryTest.LARAVEL);

    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format, MigrationHistory::table)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HistoryFormat.TYPEORM, "public.migrations"),
            org.assertj.core.groups.Tuple.tuple(HistoryFormat.LARAVEL, "laravel.migrations"));
  }

  @Test
  void read_sequelize_fileNamesInNameOrder(DatabaseConfig db) {
    execute(
        db,
        SEQUELIZE,
        // SequelizeStorage.logMigration: one insert per file, in any order.
        "INSERT INTO \"SequelizeMeta\" (\"name\") VALUES ('20240301090000-add-tags.js')",
        "INSERT INTO \"SequelizeMeta\" (\"name\") VALUES ('20240101120000-create-user.js')");

    MigrationHistory history = read(db, HistoryFormat.SEQUELIZE, null);

    assertThat(history.table()).isEqualTo("public.SequelizeMeta");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly("20240101120000-create-user.js", "20240301090000-add-tags.js");
    PendingMigrations compared =
        PendingCalculator.compare(
            history, List.of("20240301090000-add-tags.js", "20240401090000-add-index.js"));
    assertThat(compared.pending()).containsExactly("20240401090000-add-index.js");
    assertThat(compared.unknown()).containsExactly("20240101120000-create-user.js");
    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.SEQUELIZE);
  }
}
