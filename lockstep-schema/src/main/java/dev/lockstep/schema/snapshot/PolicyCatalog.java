package dev.lockstep.schema.snapshot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Row-level security policies of tables. */
final class PolicyCatalog {
  private static final String POLICIES =
      "SELECT pol.polrelid, pol.oid, pol.polname,"
          + " CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'"
          + "   WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,"
          + " pol.polpermissive,"
          + " ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid)::text END"
          + "   FROM unnest(pol.polroles) r(oid) ORDER BY 1),"
          + " pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid)"
          + " FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ANY(?)";

  private PolicyCatalog() {}

  /** The policies of every table, keyed by the table's oid. */
  static Map<Long, List<PolicySnapshot>> byTable(CatalogSession session) throws SQLException {
    record Owned(long table, PolicySnapshot policy) {}
    List<Owned> rows =
        session.rows(
            POLICIES,
            row ->
                new Owned(
                    row.getLong(1),
                    new PolicySnapshot(
                        row.getLong(2),
                        row.getString(3),
                        row.getString(4),
                        row.getBoolean(5),
                        CatalogSession.textArray(row, 6),
                        row.getString(7),
                        row.getString(8))));
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Owned::table,
                Collectors.mapping(Owned::policy, Collectors.toCollection(ArrayList::new))));
  }
}
