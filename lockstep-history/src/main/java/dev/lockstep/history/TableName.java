package dev.lockstep.history;

import java.util.Objects;

/** A schema-qualified table name, exactly as the catalog spells it (case included). */
record TableName(String schema, String name) {

  TableName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Reads {@code name}, {@code schema.name} or their quoted forms ({@code "My Schema"."t"}). Names
   * are taken as written, not folded to lower case: tools create their tables with quoted names.
   */
  static TableName parse(String text, String defaultSchema) {
    String trimmed = text.trim();
    int dot = separator(trimmed);
    if (dot < 0) {
      return new TableName(defaultSchema, unquote(trimmed));
    }
    return new TableName(unquote(trimmed.substring(0, dot)), unquote(trimmed.substring(dot + 1)));
  }

  /** For messages and reports: {@code public.flyway_schema_history}. */
  String qualified() {
    return schema + "." + name;
  }

  /** For SQL: {@code "public"."flyway_schema_history"}. */
  String quoted() {
    return quote(schema) + "." + quote(name);
  }

  TableName withName(String other) {
    return new TableName(schema, other);
  }

  @Override
  public String toString() {
    return qualified();
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** The dot between schema and table, skipping dots inside quotes; -1 when there is none. */
  private static int separator(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String part) {
    String trimmed = part.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
    }
    return trimmed;
  }
}
