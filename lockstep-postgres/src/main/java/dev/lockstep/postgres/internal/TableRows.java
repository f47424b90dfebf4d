package dev.lockstep.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact row counts of every user table, on a connection the caller chose: inside a backup's
 * snapshot transaction the counts describe exactly what the dump holds.
 */
public final class TableRows {
  private static final String USER_TABLES =
      "SELECT n.nspname, c.relname FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p')"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
          + " ORDER BY 1, 2";

  private TableRows() {}

  /** Row counts keyed {@code schema.table}, sorted by that key. */
  public static Map<String, Long> count(Connection connection) throws SQLException {
    List<String[]> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(USER_TABLES)) {
      while (rows.next()) {
        tables.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String[] table : tables) {
        String sql =
            "SELECT count(*) FROM "
                + Identifiers.quote(table[0])
                + "."
                + Identifiers.quote(table[1]);
        try (ResultSet rows = statement.executeQuery(sql)) {
          rows.next();
          counts.put(table[0] + "." + table[1], rows.getLong(1));
        }
      }
    }
    return Collections.unmodifiableMap(counts);
  }
}
