package dev.lockstep.schema.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Qualified names as the catalog's functions print them ({@code public."User"}) and as snapshots
 * keep them ({@code public.User}). Quoting follows Postgres's rule for plain names; a name that is
 * a keyword is quoted by Postgres and not here, which only makes a comparison fail safe.
 */
final class Identifiers {
  private Identifiers() {}

  static String quote(String qualified) {
    List<String> parts = new ArrayList<>();
    for (String part : qualified.split("\\.", -1)) {
      parts.add(plain(part) ? part : "\"" + part.replace("\"", "\"\"") + "\"");
    }
    return String.join(".", parts);
  }

  static String unquote(String printed) {
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < printed.length(); i++) {
      char c = printed.charAt(i);
      if (c == '"' && quoted && i + 1 < printed.length() && printed.charAt(i + 1) == '"') {
        name.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else {
        name.append(c);
      }
    }
    return name.toString().trim();
  }

  private static boolean plain(String part) {
    if (part.isEmpty() || !(Character.isLowerCase(part.charAt(0)) || part.charAt(0) == '_')) {
      return false;
    }
    return part.chars()
        .allMatch(c -> Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$');
  }
}
