package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * knex's {@code knex_migrations} (or the name a product gives it, {@code tableName} in its knex
 * config): a row per applied migration file, named as knex found it ({@code
 * 20240101120000_create_users.js}). knex locks its runs through {@code <table>_lock}: a run that
 * was killed leaves {@code is_locked = 1} there, and every later {@code knex migrate:latest} fails
 * with "Migration table is already locked".
 */
final class KnexReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT name, batch, "
            + Rows.instant("migration_time")
            + " FROM "
            + table.table().quoted()
            + " ORDER BY id";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows ->
                Rows.entry(
                    rows.getString("name"),
                    Rows.instant(rows, "migration_time"),
                    "batch " + rows.getInt("batch")));
    return new MigrationHistory(
        HistoryFormat.KNEX, table.table().qualified(), entries, locks(connection, table.table()));
  }

  private static List<DirtyState> locks(Connection connection, TableName table)
      throws SQLException {
    TableName lock = table.withName(table.name() + "_lock");
    if (!Rows.exists(connection, lock)) {
      return List.of();
    }
    String sql =
        "SELECT " + TableName.quote("index") + " FROM " + lock.quoted() + " WHERE is_locked = 1";
    List<DirtyState> dirty = new ArrayList<>();
    for (HistoryEntry row :
        Rows.entries(connection, sql, rows -> Rows.entry(rows.getString(1), null, null))) {
      dirty.add(
          new DirtyState(
              HistoryFormat.KNEX,
              "knex's lock in "
                  + lock.qualified()
                  + " is held (is_locked = 1, index "
                  + row.id()
                  + "). While it is held every knex migrate fails with \"Migration table is"
                  + " already locked\"; a run that was killed leaves it held.",
              "Make sure no knex migration is running against this database, then run `knex"
                  + " migrate:unlock` with the product's knexfile, or: UPDATE "
                  + lock.quoted()
                  + " SET is_locked = 0;"));
    }
    return dirty;
  }
}
