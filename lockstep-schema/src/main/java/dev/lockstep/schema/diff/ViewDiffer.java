package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ViewSnapshot;
import dev.lockstep.schema.snapshot.ViewSnapshot.ViewColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Views and materialized views. What a reader relies on is the columns a view returns: a new query
 * that still returns every column with its type is expand.
 */
final class ViewDiffer {
  private static final Matcher<ViewSnapshot> MATCHER =
      new Matcher<>(
          ViewSnapshot::qualifiedName,
          ViewSnapshot::oid,
          (a, b) -> a.materialized() == b.materialized() && a.columns().equals(b.columns()));

  private final Changes changes;
  private final Routines routines;

  ViewDiffer(Changes changes, Routines routines) {
    this.changes = changes;
    this.routines = routines;
  }

  void diff(List<ViewSnapshot> before, List<ViewSnapshot> after, boolean idsComparable) {
    Matcher.Result<ViewSnapshot> matched = MATCHER.match(before, after, idsComparable);
    for (ViewSnapshot view : matched.dropped()) {
      changes.contract(
          ChangeKind.VIEW_DROPPED,
          view.qualifiedName(),
          view.kindWords()
              + " "
              + view.qualifiedName()
              + " was dropped: the previous release may still read it");
    }
    for (Matcher.Pair<ViewSnapshot> pair : matched.pairs()) {
      compare(pair.before(), pair.after());
      boolean sameObject = idsComparable && pair.before().oid() == pair.after().oid();
      new TriggerDiffer(changes, routines)
          .diff(
              pair.before().qualifiedName(),
              pair.before().triggers(),
              pair.after().triggers(),
              sameObject);
    }
    for (ViewSnapshot view : matched.added()) {
      changes.expand(
          ChangeKind.VIEW_ADDED,
          view.qualifiedName(),
          "new "
              + view.kindWords()
              + " "
              + view.qualifiedName()
              + ": the previous release does not use it");
    }
  }

  private void compare(ViewSnapshot before, ViewSnapshot after) {
    String name = before.qualifiedName();
    if (!name.equals(after.qualifiedName())) {
      changes.contract(
          ChangeKind.VIEW_RENAMED,
          name,
          before.kindWords()
              + " "
              + name
              + " was renamed to "
              + after.qualifiedName()
              + ": the previous release still reads "
              + name);
    }
    if (before.definition().equals(after.definition())
        && before.columns().equals(after.columns())) {
      return;
    }
    List<String> lost = lostColumns(before, after);
    if (lost.isEmpty()) {
      changes.expand(
          ChangeKind.VIEW_CHANGED,
          name,
          "the query of "
              + before.kindWords()
              + " "
              + name
              + " changed, and it still returns every column the previous release reads, with the"
              + " same types");
    } else {
      changes.contract(
          ChangeKind.VIEW_CHANGED,
          name,
          before.kindWords()
              + " "
              + name
              + " no longer returns "
              + String.join(", ", lost)
              + ": the previous release still reads "
              + (lost.size() == 1 ? "it" : "them"));
    }
  }

  private static List<String> lostColumns(ViewSnapshot before, ViewSnapshot after) {
    List<String> lost = new ArrayList<>();
    for (ViewColumn column : before.columns()) {
      ViewColumn now =
          after.columns().stream()
              .filter(c -> c.name().equals(column.name()))
              .findFirst()
              .orElse(null);
      if (now == null) {
        lost.add("column " + column.name());
      } else if (!now.type().equals(column.type())) {
        lost.add("column " + column.name() + " as " + column.type() + " (now " + now.type() + ")");
      }
    }
    return lost;
  }
}
