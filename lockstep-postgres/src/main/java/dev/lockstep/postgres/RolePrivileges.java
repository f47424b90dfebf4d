package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.postgres.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the configured role may do to the product's database, as far as an upgrade needs it: create
 * databases (the snapshot and the test restore of a backup make one), clone and replace this one
 * (only its owner or a superuser may), and read every table and sequence (pg_dump reads them all).
 *
 * @param unreadable every table or sequence the role cannot read, as {@code schema.name} (quoted
 *     where SQL needs it), in schema order
 * @param schemasWithoutUsage every schema holding user objects that the role cannot even look into
 */
public record RolePrivileges(
    String role,
    String database,
    boolean superuser,
    boolean createDatabase,
    boolean ownsDatabase,
    List<String> unreadable,
    List<String> schemasWithoutUsage) {

  private static final String ROLE =
      "SELECT rolsuper, rolcreatedb, pg_has_role(current_user,"
          + " (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE')"
          + " FROM pg_roles WHERE rolname = current_user";

  private static final String UNREADABLE =
      "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p', 'S')"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
          + " AND NOT has_table_privilege(c.oid, 'SELECT')"
          + " ORDER BY n.nspname, c.relname";

  private static final String SCHEMAS =
      "SELECT quote_ident(n.nspname) FROM pg_namespace n"
          + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
          + " AND NOT has_schema_privilege(n.oid, 'USAGE')"
          + " AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid)"
          + " ORDER BY n.nspname";

  public RolePrivileges {
    unreadable = List.copyOf(unreadable);
    schemasWithoutUsage = List.copyOf(schemasWithoutUsage);
  }

  /** A role that may do everything an upgrade needs (a superuser's). */
  public static RolePrivileges sufficient(String role, String database) {
    return new RolePrivileges(role, database, true, true, true, List.of(), List.of());
  }

  /** Asks the server, as the configured role, what it may do. */
  public static RolePrivileges read(Database database) {
    String role = database.config().user();
    String name = database.config().name();
    try (Connection connection = database.connect()) {
      try (PreparedStatement query = connection.prepareStatement(ROLE);
          ResultSet rows = query.executeQuery()) {
        rows.next();
        return new RolePrivileges(
            role,
            name,
            rows.getBoolean(1),
            rows.getBoolean(2),
            rows.getBoolean(3),
            strings(connection, UNREADABLE),
            strings(connection, SCHEMAS));
      }
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the privileges of role '" + role + "' on " + name + ": " + e.getMessage(),
          e);
    }
  }

  /** Whether the role may create a database (the snapshot, the scratch copy of a test restore). */
  public boolean mayCreateDatabases() {
    return superuser || createDatabase;
  }

  /** Whether the role may clone, rename and drop this database. */
  public boolean mayReplaceDatabase() {
    return superuser || ownsDatabase;
  }

  public boolean mayReadEverything() {
    return superuser || (unreadable.isEmpty() && schemasWithoutUsage.isEmpty());
  }

  /**
   * The statements a superuser (or the tables' owner) runs to give this role what it lacks, in the
   * order they are needed; empty when it lacks nothing.
   */
  public List<String> grants() {
    String grantee = Identifiers.quote(role);
    List<String> statements = new ArrayList<>();
    if (!mayCreateDatabases()) {
      statements.add("ALTER ROLE " + grantee + " CREATEDB;");
    }
    if (!mayReplaceDatabase()) {
      statements.add(
          "ALTER DATABASE " + Identifiers.quote(database) + " OWNER TO " + grantee + ";");
    }
    if (!superuser) {
      schemasWithoutUsage.forEach(
          schema -> statements.add("GRANT USAGE ON SCHEMA " + schema + " TO " + grantee + ";"));
      if (!unreadable.isEmpty()) {
        statements.add("GRANT SELECT ON " + String.join(", ", unreadable) + " TO " + grantee + ";");
      }
    }
    return List.copyOf(statements);
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
