package dev.lockstep.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading the values the tools write. */
final class Rows {
  private Rows() {}

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
    String words = name.replaceFirst("^\\d+[_-]", "").replace('_', ' ').trim();
    return words.isEmpty() ? name : words;
  }
}
