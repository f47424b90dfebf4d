package dev.lockstep.schema.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What earlier statements of the same script did, which changes how later ones are judged: a table
 * created in the script is empty and unknown to the previous release, so locking, rewriting or
 * renaming it harms nobody; a validated {@code CHECK (x IS NOT NULL)} lets {@code SET NOT NULL}
 * skip its scan.
 */
final class ScriptState {
  private final Set<String> createdTables = new HashSet<>();
  private final Map<String, String> notNullChecks = new HashMap<>();
  private final Set<String> provenNotNull = new HashSet<>();

  boolean isNew(String table) {
    return createdTables.contains(table);
  }

  void created(String table) {
    createdTables.add(table);
  }

  void renamed(String from, String to) {
    if (createdTables.remove(from)) {
      createdTables.add(to);
    }
  }

  /** A {@code CHECK (column IS NOT NULL)} was added; {@code validated} unless NOT VALID. */
  void notNullCheck(String table, String constraint, String column, boolean validated) {
    notNullChecks.put(table + "/" + constraint, column);
    if (validated) {
      provenNotNull.add(table + "/" + column);
    }
  }

  void validated(String table, String constraint) {
    String column = notNullChecks.get(table + "/" + constraint);
    if (column != null) {
      provenNotNull.add(table + "/" + column);
    }
  }

  boolean provenNotNull(String table, String column) {
    return provenNotNull.contains(table + "/" + column);
  }
}
