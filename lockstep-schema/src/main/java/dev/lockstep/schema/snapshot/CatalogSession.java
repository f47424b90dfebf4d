package dev.lockstep.schema.snapshot;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalog queries in one read-only, repeatable-read view of the database, so that every part of a
 * snapshot describes the same moment. The search path is {@code pg_catalog} only, so that types and
 * names in printed definitions are always schema-qualified: a snapshot then reads the same whatever
 * search path the caller's session had. The caller's connection is left as it was.
 */
final class CatalogSession {
  private final Connection connection;
  private Array schemas;
  private int serverVersion;

  private CatalogSession(Connection connection) {
    this.connection = connection;
  }

  interface Work<T> {
    T run(CatalogSession session) throws SQLException;
  }

  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  static <T> T run(Connection connection, Work<T> work) throws SQLException {
    CatalogSession session = new CatalogSession(connection);
    if (!connection.getAutoCommit()) {
      // Inside the caller's transaction: a savepoint undoes our settings and leaves theirs.
      Savepoint savepoint = connection.setSavepoint();
      try {
        session.execute("SET LOCAL search_path = pg_catalog");
        return work.run(session);
      } finally {
        connection.rollback(savepoint);
      }
    }
    connection.setAutoCommit(false);
    try {
      session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      session.execute("SET LOCAL search_path = pg_catalog");
      return work.run(session);
    } finally {
      try {
        connection.rollback();
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** Binds each query's one {@code ?} to these schema names. */
  void restrictTo(List<String> schemaNames) throws SQLException {
    schemas = connection.createArrayOf("text", schemaNames.toArray());
  }

  <T> List<T> rows(String sql, Row<T> mapper) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      if (sql.indexOf('?') >= 0) {
        query.setArray(1, schemas);
      }
      try (ResultSet rows = query.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    }
  }

  /** {@code server_version_num}: 150004 for PostgreSQL 15.4. */
  int serverVersion() throws SQLException {
    if (serverVersion == 0) {
      serverVersion =
          rows("SELECT current_setting('server_version_num')::int", row -> row.getInt(1)).get(0);
    }
    return serverVersion;
  }

  /** The first column of the first row, or null when the query fails or returns nothing. */
  String optionalValue(String sql) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      // Some hosted servers refuse pg_control_system(); the snapshot is still useful without it.
      connection.rollback(savepoint);
      return null;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** {@code NOT EXISTS} clause that leaves out objects an extension installed. */
  static String notFromExtension(String catalog, String objectId) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '"
        + catalog
        + "'::regclass AND e.objid = "
        + objectId
        + " AND e.deptype = 'e')";
  }

  static List<String> textArray(ResultSet row, int column) throws SQLException {
    Array array = row.getArray(column);
    if (array == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Object value : (Object[]) array.getArray()) {
      values.add((String) value);
    }
    return values;
  }
}
