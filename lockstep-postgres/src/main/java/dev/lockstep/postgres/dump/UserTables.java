package dev.lockstep.postgres.dump;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The tables whose rows a dump holds, each with the way its rows can be hashed. */
final class UserTables {
  /** Ordinary tables of the user, without those an extension owns (pg_dump skips their rows). */
  private static final String USER_TABLES =
      "SELECT n.nspname, c.relname, pg_relation_size(c.oid) FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind = 'r'"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
          + " AND d.objid = c.oid AND d.deptype = 'e')"
          + " ORDER BY 1, 2";

  private UserTables() {}

  /**
   * Every table, whole, with its size on disk; hashed with {@link TableSlice#RECORD_HASH} when
   * {@code recordHash} (the server has it) and every column's type has a hash function.
   */
  static List<TableSlice> list(Connection connection, boolean recordHash) throws SQLException {
    List<TableSlice> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(USER_TABLES)) {
      while (rows.next()) {
        tables.add(
            new TableSlice(
                rows.getString(1), rows.getString(2), TableSlice.TEXT_MD5, 0, -1, rows.getLong(3)));
      }
    }
    List<TableSlice> planned = new ArrayList<>();
    for (TableSlice table : tables) {
      String method =
          recordHash && hashable(connection, table) ? TableSlice.RECORD_HASH : TableSlice.TEXT_MD5;
      planned.add(new TableSlice(table.schema(), table.name(), method, 0, -1, table.bytes()));
    }
    return planned;
  }

  /**
   * Whether every column of the table has a hash function: hashing its first row says, inside a
   * savepoint, so that the error of a type without one does not end the snapshot's transaction.
   */
  private static boolean hashable(Connection connection, TableSlice table) throws SQLException {
    Savepoint probe = connection.setSavepoint();
    try (Statement statement = connection.createStatement()) {
      statement
          .executeQuery(
              "SELECT hash_record_extended(ROW(r.*), 0) FROM ONLY "
                  + table.table()
                  + " AS r LIMIT 1")
          .close();
      connection.releaseSavepoint(probe);
      return true;
    } catch (SQLException e) {
      connection.rollback(probe);
      return false;
    }
  }
}
