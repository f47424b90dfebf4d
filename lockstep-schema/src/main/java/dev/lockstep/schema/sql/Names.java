package dev.lockstep.schema.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Object names as Postgres resolves them: unquoted parts folded to lower case, quoted parts as
 * written, and {@code public} assumed for an unqualified name (the default search path), so that
 * {@code "Notes"}, {@code public.notes} and {@code NOTES} compare the way the database sees them.
 */
public final class Names {
  private Names() {}

  /** A name as JSqlParser prints it, such as {@code "public"."Notes"} or {@code notes}. */
  public static String normalize(String printed) {
    if (printed == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < printed.length(); i++) {
      char c = printed.charAt(i);
      if (c == '"' && quoted && i + 1 < printed.length() && printed.charAt(i + 1) == '"') {
        part.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
        wasQuoted = true;
      } else if (c == '.' && !quoted) {
        parts.add(fold(part.toString().trim(), wasQuoted));
        part.setLength(0);
        wasQuoted = false;
      } else {
        part.append(c);
      }
    }
    parts.add(fold(part.toString().trim(), wasQuoted));
    return qualify(parts);
  }

  /** The name of a column or other unqualified object as JSqlParser prints it. */
  public static String simple(String printed) {
    String normalized = normalize(printed);
    return normalized.substring(normalized.lastIndexOf('.') + 1);
  }

  /** A possibly qualified name read from tokens, starting at {@code from}. */
  static Read read(List<SqlToken> tokens, int from) {
    List<String> parts = new ArrayList<>();
    int i = from;
    while (i < tokens.size() && tokens.get(i).isName()) {
      parts.add(tokens.get(i).value());
      if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
        i += 2;
      } else {
        i++;
        break;
      }
    }
    return parts.isEmpty() ? new Read(null, from) : new Read(qualify(parts), i);
  }

  /** A name and the index of the token after it. */
  record Read(String name, int next) {}

  private static String qualify(List<String> parts) {
    if (parts.size() == 1) {
      return "public." + parts.get(0);
    }
    return String.join(".", parts.subList(parts.size() - 2, parts.size()));
  }

  private static String fold(String part, boolean quoted) {
    return quoted ? part : part.toLowerCase(Locale.ROOT);
  }
}
