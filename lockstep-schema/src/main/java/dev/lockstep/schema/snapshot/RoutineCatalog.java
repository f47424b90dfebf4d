package dev.lockstep.schema.snapshot;

import dev.lockstep.schema.sql.RoutineBodies;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Functions and procedures. The body is not kept, only a hash of the whole definition, which is
 * enough to see that it changed, and whether it raises errors, which decides what a trigger that
 * runs it can do to the previous release's writes.
 */
final class RoutineCatalog {
  // Bodies in these languages are read; in any other, a function may do anything.
  private static final Set<String> READABLE = Set.of("plpgsql", "sql");
  private static final String ROUTINES =
      "SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
          + " pg_get_function_result(p.oid),"
          + " CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'"
          + "   WHEN 'w' THEN 'window' ELSE 'function' END,"
          // pg_get_functiondef refuses aggregates; their source is their definition.
          + " md5(CASE WHEN p.prokind = 'a' THEN p.prosrc ELSE pg_get_functiondef(p.oid) END),"
          + " l.lanname, p.pronargs, p.pronargdefaults, p.prosrc"
          + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
          + " JOIN pg_language l ON l.oid = p.prolang"
          + " WHERE n.nspname = ANY(?)"
          + " AND "
          + CatalogSession.notFromExtension("pg_proc", "p.oid");

  private RoutineCatalog() {}

  /** A routine as read, with what its body says. */
  private record Read(FunctionSnapshot function, boolean raises, Set<String> calls) {}

  static List<FunctionSnapshot> read(CatalogSession session) throws SQLException {
    List<Read> routines =
        session.rows(
            ROUTINES,
            row -> {
              String language = row.getString(8);
              String body = row.getString(11);
              boolean readable = READABLE.contains(language) && body != null;
              FunctionSnapshot function =
                  new FunctionSnapshot(
                      row.getLong(1),
                      row.getString(2),
                      row.getString(3),
                      row.getString(4),
                      row.getString(5),
                      row.getString(6),
                      row.getString(7),
                      language,
                      row.getInt(9),
                      row.getInt(10),
                      false);
              return new Read(
                  function,
                  !readable || RoutineBodies.raisesErrors(body),
                  readable ? RoutineBodies.calledNames(body) : Set.of());
            });
    Set<String> raising = raisingNames(routines);
    return routines.stream()
        .map(
            r ->
                withRaises(
                    r.function(), r.raises() || r.calls().stream().anyMatch(raising::contains)))
        .toList();
  }

  /**
   * The names of the routines that raise errors, themselves or through a routine they call. Calls
   * are matched by name alone, whatever the schema or arguments: that can only find more.
   */
  private static Set<String> raisingNames(List<Read> routines) {
    Set<String> raising = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Read routine : routines) {
        boolean raises = routine.raises() || routine.calls().stream().anyMatch(raising::contains);
        grew |= raises && raising.add(routine.function().name());
      }
    }
    return raising;
  }

  private static FunctionSnapshot withRaises(FunctionSnapshot f, boolean raises) {
    return new FunctionSnapshot(
        f.oid(),
        f.schema(),
        f.name(),
        f.arguments(),
        f.result(),
        f.kind(),
        f.definitionHash(),
        f.language(),
        f.argumentCount(),
        f.defaultCount(),
        raises);
  }
}
