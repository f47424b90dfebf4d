package dev.lockstep.schema.snapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table with its columns (in position order), constraints, indexes, triggers and policies (by
 * name).
 *
 * @param oid the catalog id; a table keeps it when renamed
 * @param partitioned whether rows live in partitions ({@code PARTITION BY})
 * @param partitionKey the {@code PARTITION BY} clause of a partitioned table, else null
 * @param partitionOf the parent of a partition ({@code schema.table}), else null
 * @param partitionBound the {@code FOR VALUES …} clause of a partition, else null
 * @param rowLevelSecurity whether row-level security is enabled: queries only see the rows its
 *     policies allow (except the table's owner, unless forced)
 * @param forceRowLevelSecurity whether the policies apply to the table's owner too
 * @param triggers its triggers, by name
 * @param policies its row-level security policies, by name
 */
public record TableSnapshot(
    long oid,
    String schema,
    String name,
    boolean partitioned,
    String partitionKey,
    String partitionOf,
    String partitionBound,
    boolean rowLevelSecurity,
    boolean forceRowLevelSecurity,
    List<ColumnSnapshot> columns,
    List<ConstraintSnapshot> constraints,
    List<IndexSnapshot> indexes,
    List<TriggerSnapshot> triggers,
    List<PolicySnapshot> policies) {

  public TableSnapshot {
    columns = Sorted.by(columns, Comparator.comparingInt(ColumnSnapshot::attnum));
    constraints = Sorted.by(constraints, Comparator.comparing(ConstraintSnapshot::name));
    indexes = Sorted.by(indexes, Comparator.comparing(IndexSnapshot::name));
    triggers = Sorted.by(triggers, Comparator.comparing(TriggerSnapshot::name));
    policies = Sorted.by(policies, Comparator.comparing(PolicySnapshot::name));
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  public Optional<ColumnSnapshot> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
