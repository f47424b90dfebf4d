package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.IndexSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Tables: added, dropped, renamed, partitions attached or detached, then what is inside them. */
final class TableDiffer {
  private static final Matcher<TableSnapshot> MATCHER =
      new Matcher<>(TableSnapshot::qualifiedName, TableSnapshot::oid, TableDiffer::plausibleRename);

  private final Changes changes;
  private final Routines routines;
  private final Domains domains;

  /**
   * @param routines the functions of both snapshots, which the tables' triggers run
   * @param domains the domains after, whose rules apply to the columns of their type
   */
  TableDiffer(Changes changes, Routines routines, Domains domains) {
    this.changes = changes;
    this.routines = routines;
    this.domains = domains;
  }

  void diff(List<TableSnapshot> before, List<TableSnapshot> after, boolean idsComparable) {
    Matcher.Result<TableSnapshot> matched = MATCHER.match(before, after, idsComparable);
    for (TableSnapshot table : matched.dropped()) {
      changes.contract(
          ChangeKind.TABLE_DROPPED,
          table.qualifiedName(),
          (table.partitionOf() == null
                  ? "table " + table.qualifiedName()
                  : "partition " + table.qualifiedName() + " of " + table.partitionOf())
              + " was dropped: the previous release still reads and writes it");
    }
    Renames renamed = Renames.of(matched.pairs(), idsComparable);
    for (Matcher.Pair<TableSnapshot> pair : matched.pairs()) {
      boolean sameObject = idsComparable && pair.before().oid() == pair.after().oid();
      compare(pair.before(), pair.after(), sameObject, renamed);
    }
    for (TableSnapshot table : matched.added()) {
      changes.expand(
          ChangeKind.TABLE_ADDED,
          table.qualifiedName(),
          table.partitionOf() == null
              ? "new table " + table.qualifiedName() + ": the previous release does not use it"
              : "new partition "
                  + table.qualifiedName()
                  + " of "
                  + table.partitionOf()
                  + " ("
                  + table.partitionBound()
                  + "): the previous release reads and writes it through "
                  + table.partitionOf());
    }
  }

  private void compare(
      TableSnapshot before, TableSnapshot after, boolean sameObject, Renames renames) {
    String name = before.qualifiedName();
    if (!name.equals(after.qualifiedName())) {
      changes.contract(
          ChangeKind.TABLE_RENAMED,
          name,
          "table "
              + name
              + " was renamed to "
              + after.qualifiedName()
              + ": the previous release still uses the name "
              + name);
    }
    partitioning(before, after);
    new RowSecurityDiffer(changes).diff(before, after, sameObject);
    // A partition's columns are its parent's: a change to them is reported once, on the parent.
    boolean stillPartition = before.partitionOf() != null && after.partitionOf() != null;
    Set<String> newColumns =
        stillPartition
            ? Set.of()
            : new ColumnDiffer(changes, domains).diff(before, after, sameObject);
    if (detached(before, after)) {
      // A detached partition's keys and indexes were its parent's; now they are its own copies.
      return;
    }
    Map<String, String> adopted = sameObject ? adoptedIndexes(before, after) : Map.of();
    new ConstraintDiffer(changes, newColumns, renames).diff(before, after, sameObject, adopted);
    new IndexDiffer(changes, newColumns, renames).diff(before, after, sameObject);
    new TriggerDiffer(changes, routines)
        .diff(name, before.triggers(), after.triggers(), sameObject);
  }

  private static boolean detached(TableSnapshot before, TableSnapshot after) {
    return before.partitionOf() != null && after.partitionOf() == null;
  }

  private void partitioning(TableSnapshot before, TableSnapshot after) {
    String name = before.qualifiedName();
    if (before.partitionOf() != null && !before.partitionOf().equals(after.partitionOf())) {
      changes.contract(
          ChangeKind.PARTITION_DETACHED,
          name,
          "partition "
              + name
              + " was detached from "
              + before.partitionOf()
              + ": its rows no longer appear when the previous release reads "
              + before.partitionOf());
    }
    if (after.partitionOf() != null && !after.partitionOf().equals(before.partitionOf())) {
      changes.expand(
          ChangeKind.PARTITION_ATTACHED,
          name,
          "table "
              + name
              + " was attached to "
              + after.partitionOf()
              + " as a partition ("
              + after.partitionBound()
              + "): its rows now appear in "
              + after.partitionOf());
    }
    if (!Objects.equals(before.partitionKey(), after.partitionKey())) {
      changes.expand(
          ChangeKind.PARTITIONING_CHANGED,
          name,
          "table "
              + name
              + (after.partitionKey() == null
                  ? " is no longer partitioned"
                  : " is now partitioned by " + after.partitionKey())
              + ": the previous release reads and writes it the same way");
    }
  }

  /**
   * Constraints (by name) added over an index that was already unique, as {@code ADD CONSTRAINT …
   * UNIQUE USING INDEX} does: the index keeps its id and takes the constraint's name.
   */
  private static Map<String, String> adoptedIndexes(TableSnapshot before, TableSnapshot after) {
    Map<Long, IndexSnapshot> uniqueBefore =
        before.indexes().stream()
            .filter(i -> i.unique() && i.constraint() == null)
            .collect(Collectors.toMap(IndexSnapshot::oid, i -> i));
    Map<String, String> adopted = new HashMap<>();
    for (IndexSnapshot index : after.indexes()) {
      IndexSnapshot old = uniqueBefore.get(index.oid());
      if (index.constraint() != null && old != null) {
        adopted.put(index.constraint(), old.name());
      }
    }
    return adopted;
  }

  /**
   * An unchanged id is only taken for a rename when the table also looks the same: ids are reused
   * after a restore, and a restored database must not show every table as renamed.
   */
  private static boolean plausibleRename(TableSnapshot before, TableSnapshot after) {
    Set<String> columns =
        after.columns().stream().map(TableDiffer::signature).collect(Collectors.toSet());
    long kept =
        before.columns().stream().map(TableDiffer::signature).filter(columns::contains).count();
    return before.columns().isEmpty() || kept * 2 >= before.columns().size();
  }

  private static String signature(ColumnSnapshot column) {
    return column.attnum() + ":" + column.name() + ":" + column.type();
  }
}
