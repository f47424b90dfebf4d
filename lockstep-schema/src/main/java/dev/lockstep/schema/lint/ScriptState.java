package dev.lockstep.schema.lint;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import dev.lockstep.schema.snapshot.DomainSnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What earlier statements of the same script did, which changes how later ones are judged: a table
 * created in the script is empty and unknown to the previous release, so locking, rewriting or
 * renaming it harms nobody; a validated {@code CHECK (x IS NOT NULL)} lets {@code SET NOT NULL}
 * skip its scan; a column of a domain that refuses NULL and has no default must be given a value.
 * When the schema the script runs on is known, it starts from what that schema says.
 */
final class ScriptState {
  private final Set<String> createdTables = new HashSet<>();
  private final Map<String, List<String>> notNullChecks = new HashMap<>();
  private final Set<String> provenNotNull = new HashSet<>();
  private final Set<String> domainsRequiringAValue = new HashSet<>();

  ScriptState() {}

  /**
   * A script that runs on this schema: its columns that are NOT NULL already, or that a validated
   * check proves NOT NULL, need no scan to be made NOT NULL.
   */
  static ScriptState on(SchemaSnapshot before) {
    ScriptState state = new ScriptState();
    for (DomainSnapshot domain : before.domains()) {
      if (domain.notNull() && domain.defaultExpression() == null) {
        state.domainsRequiringAValue.add(domain.qualifiedName());
      }
    }
    for (TableSnapshot table : before.tables()) {
      for (ColumnSnapshot column : table.columns()) {
        if (column.notNull()) {
          state.provenNotNull.add(table.qualifiedName() + "/" + column.name());
        }
      }
      for (ConstraintSnapshot constraint : table.constraints()) {
        if (constraint.type() == ConstraintType.CHECK && constraint.validated()) {
          for (String column : NotNullChecks.columnsOfDefinition(constraint.definition())) {
            state.provenNotNull.add(table.qualifiedName() + "/" + column);
          }
        }
      }
    }
    return state;
  }

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
  void notNullCheck(String table, String constraint, List<String> columns, boolean validated) {
    notNullChecks.put(table + "/" + constraint, columns);
    if (validated) {
      columns.forEach(column -> provenNotNull.add(table + "/" + column));
    }
  }

  void validated(String table, String constraint) {
    notNullChecks
        .getOrDefault(table + "/" + constraint, List.of())
        .forEach(column -> provenNotNull.add(table + "/" + column));
  }

  /** A domain whose columns must be given a value: it refuses NULL and has no default. */
  void domainRequiringAValue(String domain) {
    domainsRequiringAValue.add(domain);
  }

  boolean requiresAValue(String domain) {
    return domainsRequiringAValue.contains(domain);
  }

  boolean provenNotNull(String table, String column) {
    return provenNotNull.contains(table + "/" + column);
  }
}
