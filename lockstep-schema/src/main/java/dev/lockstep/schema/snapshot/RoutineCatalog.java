package dev.lockstep.schema.snapshot;

import java.sql.SQLException;
import java.util.List;

/**
 * Functions and procedures. The body is not kept, only a hash of the whole definition, which is
 * enough to see that it changed.
 */
final class RoutineCatalog {
  private static final String ROUTINES =
      "SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
          + " pg_get_function_result(p.oid),"
          + " CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'"
          + "   WHEN 'w' THEN 'window' ELSE 'function' END,"
          // pg_get_functiondef refuses aggregates; their source is their definition.
          + " md5(CASE WHEN p.prokind = 'a' THEN p.prosrc ELSE pg_get_functiondef(p.oid) END)"
          + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
          + " WHERE n.nspname = ANY(?)"
          + " AND "
          + CatalogSession.notFromExtension("pg_proc", "p.oid");

  private RoutineCatalog() {}

  static List<FunctionSnapshot> read(CatalogSession session) throws SQLException {
    return session.rows(
        ROUTINES,
        row ->
            new FunctionSnapshot(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7)));
  }
}
