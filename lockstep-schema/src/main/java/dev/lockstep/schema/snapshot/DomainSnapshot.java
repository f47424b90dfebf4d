package dev.lockstep.schema.snapshot;

import java.util.Comparator;
import java.util.List;

/**
 * A domain: a base type with rules, which apply to every column (and cast) of that type.
 *
 * @param oid the catalog id; a domain keeps it when renamed
 * @param baseType the type it is based on, as {@code format_type} spells it
 * @param notNull whether it refuses NULL
 * @param defaultExpression the default of the columns of this type that have none of their own, or
 *     null
 * @param checks its CHECK constraints (their columns are empty: they test {@code VALUE}), by name
 */
public record DomainSnapshot(
    long oid,
    String schema,
    String name,
    String baseType,
    boolean notNull,
    String defaultExpression,
    List<ConstraintSnapshot> checks) {

  public DomainSnapshot {
    checks = Sorted.by(checks, Comparator.comparing(ConstraintSnapshot::name));
  }

  public String qualifiedName() {
    return schema + "." + name;
  }
}
