package dev.lockstep.postgres.migrate;

import dev.lockstep.postgres.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads Flyway's history table, found through the search path as Flyway finds it. */
final class MigrationHistory {
  private final String table;

  MigrationHistory(String table) {
    this.table = table;
  }

  boolean exists(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
      query.setString(1, Identifiers.quote(table));
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() && rows.getString(1) != null;
      }
    }
  }

  /** The highest installed_rank, 0 when nothing is recorded yet. */
  int lastRank(Connection connection) throws SQLException {
    if (!exists(connection)) {
      return 0;
    }
    String sql = "SELECT coalesce(max(installed_rank), 0) FROM " + Identifiers.quote(table);
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /**
   * Migrations recorded after {@code rank}, in the order they were applied. Flyway's marker rows
   * for schemas it created are not migrations and are left out.
   */
  List<AppliedMigration> after(Connection connection, int rank) throws SQLException {
    if (!exists(connection)) {
      return List.of();
    }
    // installed_on is a local timestamp written with the session's time zone; read it back alike.
    String sql =
        "SELECT version, description, script, success,"
            + " installed_on AT TIME ZONE current_setting('TimeZone') AS installed_on,"
            + " execution_time FROM "
            + Identifiers.quote(table)
            + " WHERE installed_rank > ? AND type <> 'SCHEMA' ORDER BY installed_rank";
    List<AppliedMigration> migrations = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setInt(1, rank);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime installedOn = rows.getObject("installed_on", OffsetDateTime.class);
          migrations.add(
              new AppliedMigration(
                  rows.getString("version"),
                  rows.getString("description"),
                  rows.getString("script"),
                  rows.getBoolean("success"),
                  installedOn == null ? null : installedOn.toInstant(),
                  Duration.ofMillis(rows.getLong("execution_time"))));
        }
      }
    }
    return migrations;
  }
}
