package dev.lockstep.schema.snapshot;

import dev.lockstep.schema.snapshot.ColumnSnapshot.Identity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tables (plain and partitioned) and their columns; keys and indexes come from KeyCatalog, policies
 * from PolicyCatalog.
 */
final class TableCatalog {
  private static final String TABLES =
      "SELECT c.oid, n.nspname, c.relname, c.relkind = 'p',"
          + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
          + " (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i"
          + "   JOIN pg_class p ON p.oid = i.inhparent"
          + "   JOIN pg_namespace pn ON pn.oid = p.relnamespace"
          + "   WHERE i.inhrelid = c.oid AND c.relispartition),"
          + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
          + " c.relrowsecurity, c.relforcerowsecurity"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(?)"
          + " AND "
          + CatalogSession.notFromExtension("pg_class", "c.oid");

  /** Columns of tables, views and materialized views, keyed by their relation's oid. */
  static final String COLUMNS =
      "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
          + " a.attnotnull,"
          + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
          + " a.attidentity,"
          + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY(?)"
          + " AND a.attnum > 0 AND NOT a.attisdropped"
          + " ORDER BY a.attrelid, a.attnum";

  private TableCatalog() {}

  static List<TableSnapshot> read(
      CatalogSession session,
      Map<Long, List<ColumnSnapshot>> columns,
      Map<Long, List<TriggerSnapshot>> triggers)
      throws SQLException {
    Map<Long, List<ConstraintSnapshot>> constraints = KeyCatalog.constraints(session);
    Map<Long, List<IndexSnapshot>> indexes = KeyCatalog.indexes(session);
    Map<Long, List<PolicySnapshot>> policies = PolicyCatalog.byTable(session);
    return session.rows(
        TABLES,
        row -> {
          long oid = row.getLong(1);
          return new TableSnapshot(
              oid,
              row.getString(2),
              row.getString(3),
              row.getBoolean(4),
              row.getString(5),
              row.getString(6),
              row.getString(7),
              row.getBoolean(8),
              row.getBoolean(9),
              columns.getOrDefault(oid, List.of()),
              constraints.getOrDefault(oid, List.of()),
              indexes.getOrDefault(oid, List.of()),
              triggers.getOrDefault(oid, List.of()),
              policies.getOrDefault(oid, List.of()));
        });
  }

  static Map<Long, List<ColumnSnapshot>> columnsByRelation(CatalogSession session)
      throws SQLException {
    record Owned(long relation, ColumnSnapshot column) {}
    List<Owned> rows =
        session.rows(
            COLUMNS,
            row ->
                new Owned(
                    row.getLong(1),
                    new ColumnSnapshot(
                        row.getInt(2),
                        row.getString(3),
                        row.getString(4),
                        row.getBoolean(5),
                        row.getString(6),
                        identity(row.getString(7)),
                        row.getString(8))));
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Owned::relation,
                Collectors.mapping(Owned::column, Collectors.toCollection(ArrayList::new))));
  }

  private static Identity identity(String code) {
    if ("a".equals(code)) {
      return Identity.ALWAYS;
    }
    return "d".equals(code) ? Identity.BY_DEFAULT : Identity.NONE;
  }
}
