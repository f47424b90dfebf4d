package dev.lockstep.schema.snapshot;

import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Constraints and indexes of tables. What a partition inherits from its parent is left out: it is
 * the parent's constraint or index, reported once, on the parent.
 */
final class KeyCatalog {
  private static final String CONSTRAINTS =
      "SELECT con.conrelid, con.oid, con.conname, con.contype,"
          + " pg_get_constraintdef(con.oid), con.convalidated, con.confdeltype,"
          + " ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n)"
          + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
          + "   ORDER BY k.n)"
          + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND n.nspname = ANY(?)"
          + " AND con.conparentid = 0 AND con.conislocal";
  private static final String INDEXES =
      "SELECT i.indrelid, i.indexrelid, ic.relname, pg_get_indexdef(i.indexrelid),"
          + " i.indisunique, i.indisprimary, i.indisvalid,"
          + " (SELECT con.conname FROM pg_constraint con WHERE con.conindid = i.indexrelid"
          + "   AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')),"
          + " ARRAY(SELECT COALESCE(a.attname::text, '"
          + IndexSnapshot.EXPRESSION
          + "')"
          + "   FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)"
          + "   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
          + "   WHERE k.n <= i.indnkeyatts ORDER BY k.n)"
          + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
          + " JOIN pg_class c ON c.oid = i.indrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(?) AND NOT ic.relispartition";

  private KeyCatalog() {}

  static Map<Long, List<ConstraintSnapshot>> constraints(CatalogSession session)
      throws SQLException {
    record Owned(long table, ConstraintSnapshot constraint) {}
    List<Owned> rows =
        session.rows(
            CONSTRAINTS,
            row -> {
              ConstraintType type = type(row.getString(4));
              return new Owned(
                  row.getLong(1),
                  new ConstraintSnapshot(
                      row.getLong(2),
                      row.getString(3),
                      type,
                      CatalogSession.textArray(row, 8),
                      row.getString(5),
                      row.getBoolean(6),
                      type == ConstraintType.FOREIGN_KEY ? onDelete(row.getString(7)) : null));
            });
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Owned::table,
                Collectors.mapping(Owned::constraint, Collectors.toCollection(ArrayList::new))));
  }

  static Map<Long, List<IndexSnapshot>> indexes(CatalogSession session) throws SQLException {
    record Owned(long table, IndexSnapshot index) {}
    List<Owned> rows =
        session.rows(
            INDEXES,
            row ->
                new Owned(
                    row.getLong(1),
                    new IndexSnapshot(
                        row.getLong(2),
                        row.getString(3),
                        CatalogSession.textArray(row, 9),
                        row.getString(4),
                        row.getBoolean(5),
                        row.getBoolean(6),
                        row.getBoolean(7),
                        row.getString(8))));
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Owned::table,
                Collectors.mapping(Owned::index, Collectors.toCollection(ArrayList::new))));
  }

  private static ConstraintType type(String code) {
    return switch (code) {
      case "p" -> ConstraintType.PRIMARY_KEY;
      case "u" -> ConstraintType.UNIQUE;
      case "c" -> ConstraintType.CHECK;
      case "f" -> ConstraintType.FOREIGN_KEY;
      default -> ConstraintType.EXCLUSION;
    };
  }

  private static String onDelete(String code) {
    return switch (code) {
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      case "r" -> "RESTRICT";
      default -> "NO ACTION";
    };
  }
}
