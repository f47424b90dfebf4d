package dev.lockstep.targets.balancer.haproxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to {@code show stat}: one CSV row per frontend, backend and server, read by the names
 * of its header line ({@code # pxname,svname,qcur,...}), never by position, since HAProxy adds
 * columns from release to release.
 */
final class StatTable {
  private final List<Map<String, String>> rows;

  private StatTable(List<Map<String, String>> rows) {
    this.rows = rows;
  }

  /** Empty when {@code csv} has no header line: the answer was not {@code show stat}'s. */
  static Optional<StatTable> parse(String csv) {
    String[] lines = csv.split("\n");
    if (lines.length == 0 || !lines[0].startsWith("# ")) {
      return Optional.empty();
    }
    List<String> header = fields(lines[0].substring(2));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> values = fields(lines[i]);
      Map<String, String> row = new HashMap<>();
      for (int column = 0; column < header.size() && column < values.size(); column++) {
        row.put(header.get(column), values.get(column));
      }
      rows.add(row);
    }
    return Optional.of(new StatTable(rows));
  }

  boolean hasProxy(String proxy) {
    return rows.stream().anyMatch(row -> proxy.equals(row.get("pxname")));
  }

  /** The row of server {@code server} of backend {@code backend}. */
  Optional<Map<String, String>> server(String backend, String server) {
    return rows.stream()
        .filter(row -> backend.equals(row.get("pxname")) && server.equals(row.get("svname")))
        .findFirst();
  }

  /** HAProxy quotes a field that holds a comma or a quote, doubling the quotes inside. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
