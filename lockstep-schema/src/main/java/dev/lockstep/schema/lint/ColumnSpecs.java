package dev.lockstep.schema.lint;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a column definition says after its type, read from the words JSqlParser leaves in {@code
 * ColumnDefinition.getColumnSpecs()}: {@code [NOT, NULL, DEFAULT, (now())]}.
 */
record ColumnSpecs(
    boolean notNull,
    String defaultExpression,
    boolean generatedStored,
    boolean identity,
    boolean unique,
    boolean primaryKey,
    boolean references,
    boolean check) {

  private static final Set<String> AFTER_DEFAULT =
      Set.of(
          "NOT",
          "NULL",
          "CONSTRAINT",
          "CHECK",
          "UNIQUE",
          "PRIMARY",
          "REFERENCES",
          "GENERATED",
          "COLLATE");

  static ColumnSpecs of(List<String> specs) {
    List<String> words =
        specs == null ? List.of() : specs.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    boolean notNull = false;
    for (int i = 0; i + 1 < words.size(); i++) {
      notNull |= words.get(i).equals("NOT") && words.get(i + 1).equals("NULL");
    }
    String defaultExpression = null;
    int at = words.indexOf("DEFAULT");
    boolean byDefault = at > 0 && words.get(at - 1).equals("BY");
    if (at >= 0 && !byDefault) {
      StringBuilder expression = new StringBuilder();
      for (int i = at + 1;
          i < words.size() && (i == at + 1 || !AFTER_DEFAULT.contains(words.get(i)));
          i++) {
        expression.append(expression.length() == 0 ? "" : " ").append(specs.get(i));
      }
      defaultExpression = expression.toString();
    }
    boolean generated = words.contains("GENERATED");
    return new ColumnSpecs(
        notNull,
        defaultExpression,
        generated && words.contains("STORED"),
        generated && words.contains("IDENTITY"),
        words.contains("UNIQUE"),
        words.contains("PRIMARY"),
        words.contains("REFERENCES"),
        words.contains("CHECK"));
  }
}
