package dev.lockstep.postgres.internal;

/** SQL quoting for names that come from configuration (database, role and table names). */
public final class Identifiers {
  private Identifiers() {}

  /** {@code my"db} becomes {@code "my""db"}: always quoted, so case and odd characters survive. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A string literal, for the few statements (such as CREATE DATABASE) that take no parameters. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
