package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds history tables through {@code pg_catalog}, which every user may read, so that detection
 * works even where the tables themselves are not readable.
 */
final class Catalog {
  private static final String COLUMNS =
      "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)"
          + " FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
          // pg_catalog, pg_toast and other sessions' pg_temp_N: no tool keeps its history there.
          + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%'"
          + " AND n.nspname <> 'information_schema' AND ";

  private final Connection connection;

  Catalog(Connection connection) {
    this.connection = connection;
  }

  /**
   * Every table, in any schema, that bears a known tool's table name or Flyway's {@code
   * installed_rank} column (Flyway's table name is configurable, its layout is not).
   */
  List<TableLayout> candidates(Set<String> names) throws SQLException {
    String sql =
        COLUMNS
            + "(c.relname = ANY (?) OR EXISTS (SELECT 1 FROM pg_attribute r WHERE r.attrelid = c.oid"
            + " AND r.attname = 'installed_rank' AND NOT r.attisdropped))"
            + " ORDER BY n.nspname, c.relname, a.attnum";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setArray(1, connection.createArrayOf("text", names.toArray()));
      return layouts(query);
    }
  }

  Optional<TableLayout> find(TableName table) throws SQLException {
    String sql = COLUMNS + "n.nspname = ? AND c.relname = ? ORDER BY a.attnum";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table.schema());
      query.setString(2, table.name());
      return layouts(query).stream().findFirst();
    }
  }

  /**
   * The schema where unqualified names land, as the tools resolve them: the first schema of the
   * search path that exists; {@code public} when none does.
   */
  String currentSchema() throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT current_schema()");
        ResultSet rows = query.executeQuery()) {
      String schema = rows.next() ? rows.getString(1) : null;
      return schema == null ? "public" : schema;
    }
  }

  private static List<TableLayout> layouts(PreparedStatement query) throws SQLException {
    Map<TableName, Map<String, String>> tables = new LinkedHashMap<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        TableName table = new TableName(rows.getString(1), rows.getString(2));
        tables
            .computeIfAbsent(table, t -> new LinkedHashMap<>())
            .put(rows.getString(3), rows.getString(4));
      }
    }
    List<TableLayout> layouts = new ArrayList<>();
    tables.forEach((table, columns) -> layouts.add(new TableLayout(table, columns)));
    return layouts;
  }
}
