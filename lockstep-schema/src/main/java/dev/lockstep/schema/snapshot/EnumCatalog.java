package dev.lockstep.schema.snapshot;

import java.sql.SQLException;
import java.util.List;

/** Enum types and their labels in sort order. */
final class EnumCatalog {
  private static final String ENUMS =
      "SELECT t.oid, n.nspname, t.typname,"
          + " COALESCE(array_agg(e.enumlabel::text ORDER BY e.enumsortorder)"
          + "   FILTER (WHERE e.enumlabel IS NOT NULL), '{}')"
          + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " LEFT JOIN pg_enum e ON e.enumtypid = t.oid"
          + " WHERE t.typtype = 'e' AND n.nspname = ANY(?)"
          + " AND "
          + CatalogSession.notFromExtension("pg_type", "t.oid")
          + " GROUP BY t.oid, n.nspname, t.typname";

  private EnumCatalog() {}

  static List<EnumSnapshot> read(CatalogSession session) throws SQLException {
    return session.rows(
        ENUMS,
        row ->
            new EnumSnapshot(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                CatalogSession.textArray(row, 4)));
  }
}
