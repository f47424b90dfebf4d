package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.DomainSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Domains. A domain's rules apply to every column of its type, so they are judged as a column's
 * rules are: a new or tighter rule (a CHECK, NOT NULL, a narrower base type) is contract, a looser
 * one expand; a dropped or renamed domain is contract, as the previous release may name it in
 * casts.
 */
final class DomainDiffer {
  private static final Matcher<DomainSnapshot> MATCHER =
      new Matcher<>(
          DomainSnapshot::qualifiedName,
          DomainSnapshot::oid,
          (a, b) -> a.baseType().equals(b.baseType()));

  private final Changes changes;
  private final List<TableSnapshot> tablesAfter;

  /**
   * @param tablesAfter the tables after the migration, to name the columns a domain's rules apply
   *     to
   */
  DomainDiffer(Changes changes, List<TableSnapshot> tablesAfter) {
    this.changes = changes;
    this.tablesAfter = tablesAfter;
  }

  void diff(List<DomainSnapshot> before, List<DomainSnapshot> after, boolean idsComparable) {
    Matcher.Result<DomainSnapshot> matched = MATCHER.match(before, after, idsComparable);
    for (DomainSnapshot domain : matched.dropped()) {
      changes.contract(
          ChangeKind.DOMAIN_DROPPED,
          domain.qualifiedName(),
          "domain "
              + domain.qualifiedName()
              + " was dropped: the previous release may still cast to it, and the columns that had"
              + " it were dropped or changed type");
    }
    for (Matcher.Pair<DomainSnapshot> pair : matched.pairs()) {
      boolean sameObject = idsComparable && pair.before().oid() == pair.after().oid();
      compare(pair.before(), pair.after(), sameObject);
    }
    for (DomainSnapshot domain : matched.added()) {
      changes.expand(
          ChangeKind.DOMAIN_ADDED,
          domain.qualifiedName(),
          "new domain "
              + domain.qualifiedName()
              + " ("
              + domain.baseType()
              + "): the previous release does not use it");
    }
  }

  private void compare(DomainSnapshot before, DomainSnapshot after, boolean sameObject) {
    String name = before.qualifiedName();
    String columns = columnsOfType(after);
    if (!name.equals(after.qualifiedName())) {
      changes.contract(
          ChangeKind.DOMAIN_RENAMED,
          name,
          "domain "
              + name
              + " was renamed to "
              + after.qualifiedName()
              + ": the previous release may still name "
              + name
              + " in casts");
    }
    if (!before.baseType().equals(after.baseType())) {
      boolean widened =
          TypeWidening.judge(before.baseType(), after.baseType()) == TypeWidening.Verdict.WIDENED;
      changes.add(
          ChangeKind.DOMAIN_TYPE_CHANGED,
          name,
          !widened,
          "domain "
              + name
              + " is now based on "
              + after.baseType()
              + " instead of "
              + before.baseType()
              + (widened
                  ? ": it was widened, every value the previous release writes still fits"
                  : ": values the previous release writes into " + columns + " may no longer fit"));
    }
    if (before.notNull() != after.notNull()) {
      changes.add(
          after.notNull() ? ChangeKind.DOMAIN_NOT_NULL_ADDED : ChangeKind.DOMAIN_NOT_NULL_DROPPED,
          name,
          after.notNull(),
          after.notNull()
              ? "domain "
                  + name
                  + " is now NOT NULL: the previous release may still write NULL into "
                  + columns
                  + ", and those writes now fail"
              : "domain "
                  + name
                  + " may now be NULL: every value the previous release writes still fits");
    }
    defaults(name, before, after, columns);
    new DomainCheckDiffer(changes, name, columns).diff(before.checks(), after.checks(), sameObject);
  }

  private void defaults(String name, DomainSnapshot before, DomainSnapshot after, String columns) {
    String old = before.defaultExpression();
    String now = after.defaultExpression();
    if (Objects.equals(old, now)) {
      return;
    }
    changes.add(
        ChangeKind.DOMAIN_DEFAULT_CHANGED,
        name,
        now == null,
        now == null
            ? "the default "
                + old
                + " of domain "
                + name
                + " was dropped: inserts of the previous"
                + " release that leave out "
                + columns
                + " now "
                + (after.notNull() ? "fail" : "store NULL instead")
            : "domain "
                + name
                + " now defaults to "
                + now
                + (old == null ? "" : " instead of " + old)
                + ": rows the previous release inserts without a value get the new default");
  }

  /** {@code public.users.contact}: the columns of tables with this type, for a reason's words. */
  private String columnsOfType(DomainSnapshot domain) {
    String type = Identifiers.quote(domain.qualifiedName());
    List<String> columns = new ArrayList<>();
    for (TableSnapshot table : tablesAfter) {
      if (table.partitionOf() != null) {
        continue; // a partition's columns are its parent's
      }
      for (ColumnSnapshot column : table.columns()) {
        if (column.type().equals(type) || column.type().equals(type + "[]")) {
          columns.add(table.qualifiedName() + "." + column.name());
        }
      }
    }
    return columns.isEmpty()
        ? "values of that type (no table column has it)"
        : "every column of that type (" + String.join(", ", columns) + ")";
  }
}
