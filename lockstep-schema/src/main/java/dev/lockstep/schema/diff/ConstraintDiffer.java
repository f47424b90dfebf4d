package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.Map;
import java.util.Set;

/**
 * Constraints of a table that existed before and after. A new rule is contract: the previous
 * release was written without it and may write rows it refuses. A dropped rule is expand, unless
 * the previous release relies on what it did (a unique key for its upserts, a cascading delete).
 */
final class ConstraintDiffer {
  private static final String NOT_VALID = " NOT VALID";
  private static final Set<String> ACTING_ON_DELETE = Set.of("CASCADE", "SET NULL", "SET DEFAULT");
  private static final Matcher<ConstraintSnapshot> MATCHER =
      new Matcher<>(
          ConstraintSnapshot::name, ConstraintSnapshot::oid, (a, b) -> a.type() == b.type());

  private final Changes changes;
  private final Set<String> newColumns;
  private final Renames renames;

  /**
   * @param newColumns the table's columns that are new: the previous release never writes them
   * @param renames the tables and columns the migration renamed: a key or foreign key that only
   *     follows a rename prints differently but is the same rule
   */
  ConstraintDiffer(Changes changes, Set<String> newColumns, Renames renames) {
    this.changes = changes;
    this.newColumns = newColumns;
    this.renames = renames;
  }

  /**
   * @param adoptingUniqueIndex constraints added with {@code USING INDEX} over an index that was
   *     already unique before, by constraint name: they refuse nothing new
   */
  void diff(
      TableSnapshot before,
      TableSnapshot after,
      boolean sameTableObject,
      Map<String, String> adoptingUniqueIndex) {
    String table = before.qualifiedName();
    Matcher.Result<ConstraintSnapshot> matched =
        MATCHER.match(before.constraints(), after.constraints(), sameTableObject);
    matched.dropped().forEach(c -> dropped(table, c));
    matched.pairs().forEach(p -> compare(table, p.before(), p.after()));
    for (ConstraintSnapshot constraint : matched.added()) {
      String index = adoptingUniqueIndex.get(constraint.name());
      if (index != null) {
        changes.expand(
            ChangeKind.CONSTRAINT_ADDED,
            table + "." + constraint.name(),
            "new "
                + constraint.type().words()
                + " "
                + constraint.name()
                + " on "
                + table
                + " uses the unique index "
                + index
                + ", which already refused duplicates: the previous release's writes are"
                + " checked as before");
      } else {
        added(table, constraint);
      }
    }
  }

  private void added(String table, ConstraintSnapshot constraint) {
    if (!constraint.columns().isEmpty() && newColumns.containsAll(constraint.columns())) {
      changes.expand(
          ChangeKind.CONSTRAINT_ADDED,
          table + "." + constraint.name(),
          "new "
              + constraint.type().words()
              + " "
              + constraint.name()
              + " on "
              + table
              + " only involves new columns ("
              + String.join(", ", constraint.columns())
              + "), which the previous release does not write");
      return;
    }
    String what =
        "new "
            + constraint.type().words()
            + " "
            + constraint.name()
            + " on "
            + table
            + " ("
            + rule(constraint)
            + ")"
            + (constraint.validated() ? "" : " added NOT VALID (existing rows are not checked)");
    changes.contract(
        ChangeKind.CONSTRAINT_ADDED,
        table + "." + constraint.name(),
        what + ": " + whoBreaksIt(constraint.type()));
  }

  private static String whoBreaksIt(ConstraintType type) {
    return switch (type) {
      case PRIMARY_KEY, UNIQUE ->
          "the previous release may insert duplicates (or NULL keys),"
              + " and those writes now fail";
      case CHECK ->
          "the previous release may write rows that break the check, and those writes"
              + " now fail";
      case FOREIGN_KEY ->
          "the previous release may write rows that reference missing rows, or"
              + " delete rows still referenced, and those writes now fail";
      case EXCLUSION ->
          "the previous release may write overlapping rows, and those writes now" + " fail";
    };
  }

  private void dropped(String table, ConstraintSnapshot constraint) {
    String object = table + "." + constraint.name();
    String what =
        constraint.type().words() + " " + constraint.name() + " (" + rule(constraint) + ")";
    switch (constraint.type()) {
      case PRIMARY_KEY, UNIQUE ->
          changes.contract(
              ChangeKind.CONSTRAINT_DROPPED,
              object,
              what
                  + " on "
                  + table
                  + " was dropped: the previous release may rely on it for uniqueness"
                  + " and for upserts (INSERT … ON CONFLICT), which fail without it");
      case FOREIGN_KEY ->
          changes.add(
              ChangeKind.CONSTRAINT_DROPPED,
              object,
              ACTING_ON_DELETE.contains(constraint.onDelete()),
              what
                  + " on "
                  + table
                  + " was dropped: "
                  + (ACTING_ON_DELETE.contains(constraint.onDelete())
                      ? "deletes of the previous release relied on its ON DELETE "
                          + constraint.onDelete()
                          + ", which no longer happens"
                      : "a rule fewer, every row the previous release writes still fits"));
      case CHECK, EXCLUSION ->
          changes.expand(
              ChangeKind.CONSTRAINT_DROPPED,
              object,
              what
                  + " on "
                  + table
                  + " was dropped: every row the previous release writes still fits");
    }
  }

  private void compare(String table, ConstraintSnapshot before, ConstraintSnapshot after) {
    String object = table + "." + before.name();
    if (!before.name().equals(after.name())) {
      changes.expand(
          ChangeKind.CONSTRAINT_RENAMED,
          object,
          before.type().words()
              + " "
              + before.name()
              + " on "
              + table
              + " was renamed to "
              + after.name()
              + ": the rule is the same, and the previous release does not name constraints");
    }
    if (!renames.apply(rule(before), table).equals(rule(after)) || before.type() != after.type()) {
      changes.contract(
          ChangeKind.CONSTRAINT_CHANGED,
          object,
          before.type().words()
              + " "
              + before.name()
              + " on "
              + table
              + " changed from "
              + rule(before)
              + " to "
              + rule(after)
              + ": rows the previous release writes may break the new rule");
    } else if (!before.validated() && after.validated()) {
      changes.expand(
          ChangeKind.CONSTRAINT_VALIDATED,
          object,
          before.type().words()
              + " "
              + before.name()
              + " on "
              + table
              + " was validated: existing rows were checked, and new rows already were since it"
              + " was added NOT VALID");
    }
  }

  /** The definition without its NOT VALID mark, which validation removes. */
  static String rule(ConstraintSnapshot constraint) {
    String definition = constraint.definition();
    return definition.endsWith(NOT_VALID)
        ? definition.substring(0, definition.length() - NOT_VALID.length())
        : definition;
  }
}
