package dev.lockstep.schema.snapshot;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link SchemaSnapshot} from the catalog of the database a connection is open on. It only
 * reads, in one consistent view, and leaves the connection as it found it.
 */
public final class SchemaReader {
  private static final String USER_SCHEMAS =
      "SELECT n.nspname FROM pg_namespace n"
          + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
          + " AND "
          + CatalogSession.notFromExtension("pg_namespace", "n.oid")
          + " ORDER BY 1";
  private static final String CHOSEN_SCHEMAS =
      "SELECT n.nspname FROM pg_namespace n WHERE n.nspname = ANY(?) ORDER BY 1";
  private static final String ORIGIN =
      "SELECT s.system_identifier || '/' || d.oid FROM pg_control_system() s, pg_database d"
          + " WHERE d.datname = current_database()";
  private static final String DATABASE_OID =
      "SELECT 'database/' || oid FROM pg_database WHERE datname = current_database()";

  private SchemaReader() {}

  /** Every schema except the system ones and those an extension owns. */
  public static SchemaSnapshot read(Connection connection) {
    return read(connection, List.of());
  }

  /**
   * The given schemas (those that exist), or every non-system schema when {@code schemas} is empty.
   */
  public static SchemaSnapshot read(Connection connection, List<String> schemas) {
    try {
      return CatalogSession.run(connection, session -> snapshot(connection, session, schemas));
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the schema from the database catalog: "
              + e.getMessage()
              + ". Check that the database is up and that the user may read pg_catalog.",
          e);
    }
  }

  private static SchemaSnapshot snapshot(
      Connection connection, CatalogSession session, List<String> wanted) throws SQLException {
    session.restrictTo(wanted);
    List<String> schemas =
        session.rows(wanted.isEmpty() ? USER_SCHEMAS : CHOSEN_SCHEMAS, row -> row.getString(1));
    session.restrictTo(schemas);
    String origin = session.optionalValue(ORIGIN);
    if (origin == null) {
      origin = session.optionalValue(DATABASE_OID);
    }
    Map<Long, List<ColumnSnapshot>> columns = TableCatalog.columnsByRelation(session);
    Map<Long, List<TriggerSnapshot>> triggers = TriggerCatalog.byRelation(session);
    return new SchemaSnapshot(
        connection.getCatalog(),
        origin,
        schemas,
        TableCatalog.read(session, columns, triggers),
        ViewCatalog.read(session, columns, triggers),
        RoutineCatalog.read(session),
        EnumCatalog.read(session),
        DomainCatalog.read(session),
        SequenceCatalog.read(session));
  }
}
