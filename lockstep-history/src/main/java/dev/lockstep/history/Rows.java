package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reading the values the tools write. */
final class Rows {
  private Rows() {}

  /** One row as an entry. */
  interface Mapper {
    HistoryEntry map(ResultSet rows) throws SQLException;
  }

  /** Every row of {@code sql}, each mapped to an entry, in the query's order. */
  static List<HistoryEntry> entries(Connection connection, String sql, Mapper mapper)
      throws SQLException {
    List<HistoryEntry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        entries.add(mapper.map(rows));
      }
    }
    return entries;
  }

  /** Whether {@code table} exists (and the user may see it). */
  static boolean exists(Connection connection, TableName table) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
      query.setString(1, table.quoted());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() && rows.getString(1) != null;
      }
    }
  }

  /** A simple entry: the tool records only the id, and perhaps when it ran. */
  static HistoryEntry entry(String id, Instant appliedAt, String detail) {
    return new HistoryEntry(id, describe(id), appliedAt, true, null, null, detail);
  }

  /**
   * A timestamp column for a SELECT list, as {@code timestamptz}. Flyway and Liquibase write local
   * timestamps ({@code now()} into {@code timestamp without time zone}), in their session's time
   * zone; the cast reads them back in ours, which is the same when both run with the same zone.
   */
  static String instant(String column) {
    return TableName.quote(column) + "::timestamptz AS " + TableName.quote(column);
  }

  static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static String text(ResultSet rows, String column) throws SQLException {
    Object value = rows.getObject(column);
    return value == null ? null : value.toString();
  }

  static Duration between(Instant start, Instant end) {
    return start == null || end == null ? null : Duration.between(start, end);
  }

  /**
   * What a migration named {@code 0002_add_tags} or {@code 20240101120000_add_tags} does: its name
   * without the leading sequence number, in words ({@code add tags}).
   */
  static String describe(String name) {
    if (name == null) {
      return null;
    }
    String words =
        name.replaceFirst("^(\\d+[_-])+", "")
            .replaceFirst("\\.(js|ts|cjs|mjs|php|py|sql)$", "")
            .replace('_', ' ')
            .trim();
    return words.isEmpty() ? name : words;
  }
}
