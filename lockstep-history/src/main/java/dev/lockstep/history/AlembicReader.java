package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Alembic's {@code alembic_version}: the revision the database is at (one row per head when the
 * revisions branch), not a list of what was applied. The applied set is every revision from the
 * head down its {@code down_revision} chain: {@link AlembicRevisions} follows that chain through
 * the release's migration files. Alembic records the new head in the transaction of the migration,
 * so there is no dirty state.
 */
final class AlembicReader implements FormatReader {
  /** The detail of an entry read from the table: a head, whose ancestors are applied too. */
  static final String HEAD = "head: every revision it descends from is applied too";

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql = "SELECT version_num FROM " + table.table().quoted() + " ORDER BY version_num";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows ->
                new HistoryEntry(
                    rows.getString("version_num"), null, null, true, null, null, HEAD));
    return new MigrationHistory(
        HistoryFormat.ALEMBIC, table.table().qualified(), entries, List.of());
  }
}
