package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables and columns a migration renamed, to read an old printed definition ({@code
 * pg_get_constraintdef}, {@code pg_get_indexdef}) as it prints after the renames. A constraint or
 * index that only follows a rename is the same rule, and the rename is reported once, as itself.
 */
final class Renames {
  private static final String REFERENCES = "REFERENCES ";

  private final Map<String, String> tables = new HashMap<>();
  private final Map<String, Map<String, String>> columns = new HashMap<>();

  /** From the table pairs; columns are paired by position only within the same table object. */
  static Renames of(List<Matcher.Pair<TableSnapshot>> pairs, boolean idsComparable) {
    Renames renames = new Renames();
    Matcher<ColumnSnapshot> matcher =
        new Matcher<>(ColumnSnapshot::name, ColumnSnapshot::attnum, (a, b) -> true);
    for (Matcher.Pair<TableSnapshot> pair : pairs) {
      String table = pair.before().qualifiedName();
      renames.tables.put(table, pair.after().qualifiedName());
      boolean sameObject = idsComparable && pair.before().oid() == pair.after().oid();
      Map<String, String> renamedColumns = new HashMap<>();
      for (var columns :
          matcher.match(pair.before().columns(), pair.after().columns(), sameObject).pairs()) {
        renamedColumns.put(columns.before().name(), columns.after().name());
      }
      renames.columns.put(table, renamedColumns);
    }
    return renames;
  }

  /**
   * {@code definition}, a key, check or index of {@code table}, with the new names: its own
   * columns, and for a foreign key the referenced table and its columns.
   */
  String apply(String definition, String table) {
    int references = definition.indexOf(REFERENCES);
    if (references < 0) {
      return replaceColumns(definition, columns.getOrDefault(table, Map.of()));
    }
    String own =
        replaceColumns(definition.substring(0, references), columns.getOrDefault(table, Map.of()));
    int start = references + REFERENCES.length();
    int open = definition.indexOf('(', start);
    if (open < 0) {
      return own + definition.substring(references);
    }
    String referenced = Identifiers.unquote(definition.substring(start, open));
    String renamed = tables.getOrDefault(referenced, referenced);
    return own
        + REFERENCES
        + Identifiers.quote(renamed)
        + replaceColumns(definition.substring(open), columns.getOrDefault(referenced, Map.of()));
  }

  /**
   * An index definition of {@code table} with its columns' new names (its own name and its table's
   * are the caller's business): only the key list and what follows it are rewritten.
   */
  String applyToIndex(String definition, String table) {
    int open = definition.indexOf('(');
    if (open < 0) {
      return definition;
    }
    return definition.substring(0, open)
        + replaceColumns(definition.substring(open), columns.getOrDefault(table, Map.of()));
  }

  /** Replaces whole identifiers (plain or quoted), never parts of words or keywords. */
  private static String replaceColumns(String text, Map<String, String> renamed) {
    if (renamed.isEmpty()) {
      return text;
    }
    StringBuilder result = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end;
      String name;
      if (c == '"') {
        end = text.indexOf('"', i + 1);
        while (end > 0 && end + 1 < text.length() && text.charAt(end + 1) == '"') {
          end = text.indexOf('"', end + 2);
        }
        end = end < 0 ? text.length() : end + 1;
        name = Identifiers.unquote(text.substring(i, end));
      } else if (Character.isLetter(c) || c == '_') {
        end = i;
        while (end < text.length()
            && (Character.isLetterOrDigit(text.charAt(end))
                || text.charAt(end) == '_'
                || text.charAt(end) == '$')) {
          end++;
        }
        name = text.substring(i, end);
      } else {
        result.append(c);
        i++;
        continue;
      }
      String now = renamed.get(name);
      result.append(
          now == null || now.equals(name) ? text.substring(i, end) : Identifiers.quote(now));
      i = end;
    }
    return result.toString();
  }
}
