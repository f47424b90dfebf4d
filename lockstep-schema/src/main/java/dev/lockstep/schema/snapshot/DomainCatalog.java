package dev.lockstep.schema.snapshot;

import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Domains and their CHECK constraints. */
final class DomainCatalog {
  private static final String DOMAINS =
      "SELECT t.oid, n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod),"
          + " t.typnotnull, pg_get_expr(t.typdefaultbin, 0)"
          + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE t.typtype = 'd' AND n.nspname = ANY(?)"
          + " AND "
          + CatalogSession.notFromExtension("pg_type", "t.oid");
  private static final String CHECKS =
      "SELECT con.contypid, con.oid, con.conname, pg_get_constraintdef(con.oid), con.convalidated"
          + " FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid"
          + " JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE con.contype = 'c' AND n.nspname = ANY(?)";

  private DomainCatalog() {}

  static List<DomainSnapshot> read(CatalogSession session) throws SQLException {
    Map<Long, List<ConstraintSnapshot>> checks = checks(session);
    return session.rows(
        DOMAINS,
        row -> {
          long oid = row.getLong(1);
          return new DomainSnapshot(
              oid,
              row.getString(2),
              row.getString(3),
              row.getString(4),
              row.getBoolean(5),
              row.getString(6),
              checks.getOrDefault(oid, List.of()));
        });
  }

  private static Map<Long, List<ConstraintSnapshot>> checks(CatalogSession session)
      throws SQLException {
    record Owned(long domain, ConstraintSnapshot check) {}
    List<Owned> rows =
        session.rows(
            CHECKS,
            row ->
                new Owned(
                    row.getLong(1),
                    new ConstraintSnapshot(
                        row.getLong(2),
                        row.getString(3),
                        ConstraintType.CHECK,
                        List.of(),
                        row.getString(4),
                        row.getBoolean(5),
                        null)));
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Owned::domain,
                Collectors.mapping(Owned::check, Collectors.toCollection(ArrayList::new))));
  }
}
