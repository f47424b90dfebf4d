package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * golang-migrate's {@code schema_migrations}: a single row, the current version and whether it is
 * dirty. golang-migrate keeps no history, so every version up to the current one counts as applied
 * ({@link PendingCalculator} knows this).
 */
final class GolangMigrateReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql = "SELECT version, dirty FROM " + table.table().quoted() + " ORDER BY version";
    List<HistoryEntry> entries = new ArrayList<>();
    List<DirtyState> dirty = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String version = Long.toString(rows.getLong("version"));
        boolean isDirty = rows.getBoolean("dirty");
        entries.add(
            new HistoryEntry(
                version,
                null,
                null,
                !isDirty,
                null,
                null,
                "current version: golang-migrate keeps no history, every version up to it counts"
                    + " as applied"));
        if (isDirty) {
          dirty.add(dirty(version, table.table()));
        }
      }
    }
    return new MigrationHistory(
        HistoryFormat.GOLANG_MIGRATE, table.table().qualified(), entries, dirty);
  }

  private static DirtyState dirty(String version, TableName table) {
    String what =
        "golang-migrate marked version "
            + version
            + " as dirty in "
            + table.qualified()
            + ": migration "
            + version
            + " failed part-way or was interrupted, and golang-migrate refuses to run (\"Dirty"
            + " database version "
            + version
            + ". Fix and force version.\") until it is resolved.";
    String wayOut =
        "Check what migration "
            + version
            + " applied and fix the schema by hand. If you undid it, run `migrate -path"
            + " <migrations folder> -database <database URL> force <the version before "
            + version
            + ">`; if you completed it, run `migrate ... force "
            + version
            + "`. Then `migrate ... up`. Without the CLI: UPDATE "
            + table.quoted()
            + " SET version = <the version before "
            + version
            + ">, dirty = false; (or SET dirty = false if you completed it).";
    return new DirtyState(HistoryFormat.GOLANG_MIGRATE, what, wayOut);
  }
}
