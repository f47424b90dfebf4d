package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.DomainSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The domains after the migration, by the type name a column of that domain has ({@code
 * format_type} quotes it as needed): a column of a domain gets the domain's NOT NULL and default.
 */
final class Domains {
  private final Map<String, DomainSnapshot> byType = new HashMap<>();

  Domains(List<DomainSnapshot> domains) {
    domains.forEach(d -> byType.put(Identifiers.quote(d.qualifiedName()), d));
  }

  Optional<DomainSnapshot> of(ColumnSnapshot column) {
    return Optional.ofNullable(byType.get(column.type()));
  }

  /** Whether the column refuses NULL, itself or through its domain. */
  boolean notNull(ColumnSnapshot column) {
    return column.notNull() || of(column).map(DomainSnapshot::notNull).orElse(false);
  }

  /** Whether an INSERT that leaves the column out still gets a value, its own or its domain's. */
  boolean filledWhenOmitted(ColumnSnapshot column) {
    return column.filledWhenOmitted()
        || of(column).map(d -> d.defaultExpression() != null).orElse(false);
  }
}
