package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.HashSet;
import java.util.Set;

/**
 * The columns of one table that existed before and after. A column keeps its position number
 * ({@code attnum}) when renamed or retyped, so when the table is the same catalog object the
 * position tells a rename from a drop and an add.
 */
final class ColumnDiffer {
  private static final Matcher<ColumnSnapshot> MATCHER =
      new Matcher<>(ColumnSnapshot::name, ColumnSnapshot::attnum, (a, b) -> true);

  private final Changes changes;
  private final Domains domains;

  ColumnDiffer(Changes changes, Domains domains) {
    this.changes = changes;
    this.domains = domains;
  }

  /** Reports the column changes and returns the names of the added columns. */
  Set<String> diff(TableSnapshot before, TableSnapshot after, boolean sameTableObject) {
    String table = before.qualifiedName();
    Matcher.Result<ColumnSnapshot> matched =
        MATCHER.match(before.columns(), after.columns(), sameTableObject);
    for (ColumnSnapshot dropped : matched.dropped()) {
      changes.contract(
          ChangeKind.COLUMN_DROPPED,
          table + "." + dropped.name(),
          "column "
              + table
              + "."
              + dropped.name()
              + " was dropped: the previous release still reads or writes it");
    }
    for (Matcher.Pair<ColumnSnapshot> pair : matched.pairs()) {
      compare(table, pair.before(), pair.after());
    }
    Set<String> added = new HashSet<>();
    for (ColumnSnapshot column : matched.added()) {
      added(table, column);
      added.add(column.name());
    }
    return added;
  }

  private void added(String table, ColumnSnapshot column) {
    String object = table + "." + column.name();
    String what = "new column " + object + " (" + column.type() + ")";
    String notNull =
        column.notNull() ? "NOT NULL" : "NOT NULL (its domain " + column.type() + " refuses NULL)";
    if (column.generatedExpression() != null) {
      changes.expand(
          ChangeKind.COLUMN_ADDED,
          object,
          what + " is computed by the database: the previous release neither writes nor needs it");
    } else if (domains.notNull(column) && !domains.filledWhenOmitted(column)) {
      changes.contract(
          ChangeKind.COLUMN_ADDED,
          object,
          what
              + " is "
              + notNull
              + " without a default: the previous release inserts rows without it,"
              + " and those inserts fail");
    } else if (domains.notNull(column)) {
      changes.expand(
          ChangeKind.COLUMN_ADDED,
          object,
          what
              + " is "
              + notNull
              + " with a default: rows the previous release inserts get the default");
    } else {
      changes.expand(
          ChangeKind.COLUMN_ADDED,
          object,
          what + " is nullable: the previous release can ignore it");
    }
  }

  private void compare(String table, ColumnSnapshot before, ColumnSnapshot after) {
    String object = table + "." + before.name();
    if (!before.name().equals(after.name())) {
      changes.contract(
          ChangeKind.COLUMN_RENAMED,
          object,
          "column "
              + object
              + " was renamed to "
              + after.name()
              + ": the previous release still uses the name "
              + before.name());
    }
    if (!before.type().equals(after.type())) {
      typeChanged(object, before.type(), after.type());
    }
    if (before.notNull() != after.notNull()) {
      nullability(object, after);
    }
    new ColumnDefaults(changes).compare(object, before, after);
  }

  private void typeChanged(String object, String from, String to) {
    String change = " from " + from + " to " + to;
    switch (TypeWidening.judge(from, to)) {
      case WIDENED ->
          changes.expand(
              ChangeKind.COLUMN_TYPE_CHANGED,
              object,
              "column "
                  + object
                  + " was widened"
                  + change
                  + ": every value the previous release writes still fits");
      case NARROWED ->
          changes.contract(
              ChangeKind.COLUMN_TYPE_CHANGED,
              object,
              "column "
                  + object
                  + " was narrowed"
                  + change
                  + ": values the previous release writes may no longer fit");
      case CHANGED ->
          changes.contract(
              ChangeKind.COLUMN_TYPE_CHANGED,
              object,
              "column "
                  + object
                  + " changed type"
                  + change
                  + ": the previous release reads and writes it as "
                  + from);
    }
  }

  private void nullability(String object, ColumnSnapshot after) {
    if (after.notNull()) {
      changes.contract(
          ChangeKind.NOT_NULL_ADDED,
          object,
          "column "
              + object
              + " is now NOT NULL: the previous release may still write NULL into it"
              + (after.filledWhenOmitted() ? "" : " or leave it out of its inserts"));
    } else {
      changes.expand(
          ChangeKind.NOT_NULL_DROPPED,
          object,
          "column "
              + object
              + " may now be NULL: every row the previous release writes still fits");
    }
  }
}
