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

/** Rows as knex's {@code Migrator} writes them: one insert per migration file, batch by batch. */
@ExtendWith(PostgresExtension.class)
class KnexHistoryTest {

  /**
   * knex 3.1 ({@code lib/migrations/migrate/table-creator.js}: {@code increments()}, {@code
   * string('name')}, {@code integer('batch')}, {@code timestamp('migration_time')}; the lock table
   * {@code increments('index').primary()}, {@code integer('is_locked')}, then one row {@code
   * is_locked: 0}), as knex's PostgreSQL dialect writes it.
   */
  static String knex(String table) {
    return "create table \""
        + table
        + "\" (\"id\" serial primary key, \"name\" varchar(255), \"batch\" integer,"
        + " \"migration_time\" timestamptz);"
        + " create table \""
        + table
        + "_lock\" (\"index\" serial primary key, \"is_locked\" integer);"
        + " insert into \""
        + table
        + "_lock\" (\"is_locked\") values (0);";
  }

  private static String migrated(String table, String name, int batch, String at) {
    return "insert into \""
        + table
        + "\" (\"batch\", \"migration_time\", \"name\") values ("
        + batch
        + ", '"
        + at
        + "', '"
        + name
        + "')";
  }

  @Test
  void read_filesInTheOrderApplied_withBatchAndTime(DatabaseConfig db) {
    execute(
        db,
        knex("knex_migrations"),
        migrated("knex_migrations", "20240101120000_create_users.js", 1, "2024-01-01T12:00:00Z"),
        migrated("knex_migrations", "20240201090000_add_notes.js", 1, "2024-01-01T12:00:01Z"),
        migrated("knex_migrations", "20240301090000_index_notes.js", 2, "2024-03-01T09:00:00Z"));

    MigrationHistory history = read(db, HistoryFormat.KNEX, null);

    assertThat(history.table()).isEqualTo("public.knex_migrations");
    assertThat(history.applied())
        .extracting(HistoryEntry::id)
        .containsExactly(
            "20240101120000_create_users.js",
            "20240201090000_add_notes.js",
            "20240301090000_index_notes.js");
    HistoryEntry first = history.applied().get(0);
    assertThat(first.appliedAt()).isEqualTo(Instant.parse("2024-01-01T12:00:00Z"));
    assertThat(first.description()).isEqualTo("create users");
    assertThat(first.detail()).isEqualTo("batch 1");
    assertThat(history.dirty()).isEmpty();

    PendingMigrations compared =
        PendingCalculator.compare(
            history,
            List.of(
                "20240201090000_add_notes.js",
                "20240301090000_index_notes.js",
                "20240401090000_add_tags.js"));
    assertThat(compared.pending()).containsExactly("20240401090000_add_tags.js");
    assertThat(compared.unknown()).containsExactly("20240101120000_create_users.js");
  }

  @Test
  void read_renamedTable_readsItAndItsOwnLock(DatabaseConfig db) {
    // A product's knexfile: migrations: { tableName: 'acme_migrations' }.
    execute(
        db,
        knex("acme_migrations"),
        migrated("acme_migrations", "001_init.js", 1, "2024-01-01T12:00:00Z"),
        "update \"acme_migrations_lock\" set \"is_locked\" = 1");

    MigrationHistory history = read(db, HistoryFormat.KNEX, "acme_migrations");

    assertThat(history.table()).isEqualTo("public.acme_migrations");
    assertThat(history.applied()).extracting(HistoryEntry::id).containsExactly("001_init.js");
    assertThat(history.dirty())
        .singleElement()
        .satisfies(
            dirty -> {
              assertThat(dirty.format()).isEqualTo(HistoryFormat.KNEX);
              assertThat(dirty.what())
                  .startsWith("knex's lock in public.acme_migrations_lock is held")
                  .contains("Migration table is already locked");
              assertThat(dirty.wayOut())
                  .contains(
                      "knex migrate:unlock",
                      "UPDATE \"public\".\"acme_migrations_lock\" SET is_locked = 0;");
            });
  }

  @Test
  void read_lockReleased_isNotDirty(DatabaseConfig db) {
    execute(
        db,
        knex("knex_migrations"),
        "update \"knex_migrations_lock\" set \"is_locked\" = 1",
        // What knex does when the run ends: _freeLock.
        "update \"knex_migrations_lock\" set \"is_locked\" = 0");

    assertThat(read(db, HistoryFormat.KNEX, null).dirty()).isEmpty();
  }

  @Test
  void detect_knexTable_isKnex(DatabaseConfig db) {
    execute(db, knex("knex_migrations"), migrated("knex_migrations", "1_a.js", 1, "2024-01-01Z"));

    assertThat(ToolTables.detect(db))
        .extracting(MigrationHistory::format)
        .containsExactly(HistoryFormat.KNEX);
  }
}
