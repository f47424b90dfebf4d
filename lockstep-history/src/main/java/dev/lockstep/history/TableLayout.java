package dev.lockstep.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A table's columns and their types as {@code format_type} writes them ({@code bigint}, {@code
 * character varying(50)}, {@code timestamp without time zone}).
 */
record TableLayout(TableName table, Map<String, String> columns) {

  TableLayout {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  boolean has(String... names) {
    for (String name : names) {
      if (!columns.containsKey(name)) {
        return false;
      }
    }
    return true;
  }

  String type(String column) {
    return columns.getOrDefault(column, "");
  }

  /** The column for a SELECT list, or NULL where an older version of the tool lacks it. */
  String columnOr(String column) {
    return has(column) ? TableName.quote(column) : "NULL";
  }

  /** {@code (version bigint, dirty boolean)}, for messages. */
  String describe() {
    return columns.entrySet().stream()
        .map(c -> c.getKey() + " " + c.getValue())
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
