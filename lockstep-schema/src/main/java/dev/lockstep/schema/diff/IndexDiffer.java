package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.IndexSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.Set;

/**
 * Indexes of a table that existed before and after. Indexes that enforce a constraint are left to
 * the constraint's report. An index only changes speed, unless it is unique: a new unique index
 * refuses duplicates the previous release may write, a dropped one breaks its upserts.
 */
final class IndexDiffer {
  private static final Matcher<IndexSnapshot> MATCHER =
      new Matcher<>(IndexSnapshot::name, IndexSnapshot::oid, (a, b) -> true);

  private final Changes changes;
  private final Set<String> newColumns;
  private final Renames renames;

  /**
   * @param newColumns the table's columns that are new: the previous release never writes them
   */
  IndexDiffer(Changes changes, Set<String> newColumns, Renames renames) {
    this.changes = changes;
    this.newColumns = newColumns;
    this.renames = renames;
  }

  void diff(TableSnapshot before, TableSnapshot after, boolean sameTableObject) {
    String table = before.qualifiedName();
    Matcher.Result<IndexSnapshot> matched =
        MATCHER.match(before.indexes(), after.indexes(), sameTableObject);
    for (IndexSnapshot index : matched.dropped()) {
      if (index.constraint() == null) {
        dropped(table, index);
      }
    }
    for (Matcher.Pair<IndexSnapshot> pair : matched.pairs()) {
      IndexSnapshot old = pair.before();
      IndexSnapshot now = pair.after();
      if (now.constraint() != null) {
        continue;
      }
      if (old.constraint() != null) {
        added(table, now);
      } else {
        compare(table, after.qualifiedName(), old, now);
      }
    }
    for (IndexSnapshot index : matched.added()) {
      if (index.constraint() == null) {
        added(table, index);
      }
    }
  }

  private void added(String table, IndexSnapshot index) {
    String object = table + "." + index.name();
    if (!index.valid()) {
      invalid(object, index);
    } else if (index.unique() && onlyNewColumns(index)) {
      changes.expand(
          ChangeKind.INDEX_ADDED,
          object,
          "new unique index "
              + index.name()
              + " only covers new columns ("
              + String.join(", ", index.columns())
              + "), which the previous release does not write");
    } else if (index.unique()) {
      changes.contract(
          ChangeKind.INDEX_ADDED,
          object,
          "new unique index "
              + index.name()
              + " ("
              + index.definition()
              + "): the previous release may insert duplicates, and those writes now fail");
    } else {
      changes.expand(
          ChangeKind.INDEX_ADDED,
          object,
          "new index " + index.name() + " on " + table + ": the previous release is unaffected");
    }
  }

  private boolean onlyNewColumns(IndexSnapshot index) {
    return !index.columns().isEmpty() && newColumns.containsAll(index.columns());
  }

  private void dropped(String table, IndexSnapshot index) {
    String object = table + "." + index.name();
    changes.add(
        ChangeKind.INDEX_DROPPED,
        object,
        index.unique(),
        (index.unique() ? "unique index " : "index ")
            + index.name()
            + " on "
            + table
            + " was dropped: "
            + (index.unique()
                ? "the previous release may rely on it for uniqueness and for upserts"
                    + " (INSERT … ON CONFLICT), which fail without it"
                : "only queries that used it get slower"));
  }

  private void compare(String table, String afterTable, IndexSnapshot before, IndexSnapshot after) {
    String object = table + "." + before.name();
    if (!before.name().equals(after.name())) {
      changes.expand(
          ChangeKind.INDEX_RENAMED,
          object,
          "index "
              + before.name()
              + " on "
              + table
              + " was renamed to "
              + after.name()
              + ": the previous release does not name indexes");
    }
    // pg_get_indexdef names the index and its table; renaming either is not a new definition.
    String oldDefinition =
        renames
            .applyToIndex(before.definition(), table)
            .replace(before.name(), after.name())
            .replace(
                " " + Identifiers.quote(table) + " USING ",
                " " + Identifiers.quote(afterTable) + " USING ");
    if (!oldDefinition.equals(after.definition())) {
      changes.add(
          ChangeKind.INDEX_CHANGED,
          object,
          after.unique(),
          "index "
              + before.name()
              + " changed from "
              + before.definition()
              + " to "
              + after.definition()
              + (after.unique()
                  ? ": the previous release may write rows that are duplicates under the new key"
                  : ": only the speed of queries changes"));
    }
    if (before.valid() && !after.valid()) {
      invalid(object, after);
    }
  }

  private void invalid(String object, IndexSnapshot index) {
    changes.expand(
        ChangeKind.INDEX_INVALID,
        object,
        "index "
            + index.name()
            + " is INVALID (a CREATE INDEX CONCURRENTLY failed or is still running): queries do"
            + " not use it but writes keep it up to date; drop it and create it again");
  }
}
