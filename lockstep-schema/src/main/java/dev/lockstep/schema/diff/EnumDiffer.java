package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.EnumSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Enum types and their labels. A new label is expand (the previous release never writes it); a
 * dropped or renamed label is contract (the previous release still writes the old one).
 */
final class EnumDiffer {
  private static final Matcher<EnumSnapshot> MATCHER =
      new Matcher<>(
          EnumSnapshot::qualifiedName,
          EnumSnapshot::oid,
          (a, b) ->
              a.labels().stream().filter(b.labels()::contains).count() * 2 >= a.labels().size());

  private final Changes changes;

  EnumDiffer(Changes changes) {
    this.changes = changes;
  }

  void diff(List<EnumSnapshot> before, List<EnumSnapshot> after, boolean idsComparable) {
    Matcher.Result<EnumSnapshot> matched = MATCHER.match(before, after, idsComparable);
    for (EnumSnapshot type : matched.dropped()) {
      changes.contract(
          ChangeKind.ENUM_DROPPED,
          type.qualifiedName(),
          "enum type "
              + type.qualifiedName()
              + " was dropped: the previous release may still use it");
    }
    for (Matcher.Pair<EnumSnapshot> pair : matched.pairs()) {
      boolean sameObject = idsComparable && pair.before().oid() == pair.after().oid();
      compare(pair.before(), pair.after(), sameObject);
    }
    for (EnumSnapshot type : matched.added()) {
      changes.expand(
          ChangeKind.ENUM_ADDED,
          type.qualifiedName(),
          "new enum type "
              + type.qualifiedName()
              + " "
              + type.labels()
              + ": the previous release does not use it");
    }
  }

  private void compare(EnumSnapshot before, EnumSnapshot after, boolean sameObject) {
    String name = before.qualifiedName();
    if (!name.equals(after.qualifiedName())) {
      changes.contract(
          ChangeKind.ENUM_RENAMED,
          name,
          "enum type "
              + name
              + " was renamed to "
              + after.qualifiedName()
              + ": the previous release may still name "
              + name
              + " in casts");
    }
    List<String> old = before.labels();
    List<String> now = after.labels();
    // ALTER TYPE … RENAME VALUE keeps a label's place; only the same type object can say so.
    if (sameObject && old.size() == now.size()) {
      for (int i = 0; i < old.size(); i++) {
        if (!old.get(i).equals(now.get(i)) && !now.contains(old.get(i))) {
          changes.contract(
              ChangeKind.ENUM_VALUE_RENAMED,
              name + "." + old.get(i),
              "value '"
                  + old.get(i)
                  + "' of enum "
                  + name
                  + " was renamed to '"
                  + now.get(i)
                  + "': the previous release still writes '"
                  + old.get(i)
                  + "'");
        }
      }
      return;
    }
    labels(name, old, now);
  }

  private void labels(String name, List<String> old, List<String> now) {
    for (String label : old) {
      if (!now.contains(label)) {
        changes.contract(
            ChangeKind.ENUM_VALUE_DROPPED,
            name + "." + label,
            "value '"
                + label
                + "' was removed from enum "
                + name
                + ": the previous release may still write it");
      }
    }
    for (int i = 0; i < now.size(); i++) {
      String label = now.get(i);
      if (!old.contains(label)) {
        changes.expand(
            ChangeKind.ENUM_VALUE_ADDED,
            name + "." + label,
            "new value '"
                + label
                + "' in enum "
                + name
                + (i == now.size() - 1
                    ? ", at the end"
                    : ", sorting before '" + now.get(i + 1) + "'")
                + ": the previous release never writes it");
      }
    }
    List<String> kept = new ArrayList<>(old);
    kept.retainAll(now);
    List<String> keptNow = new ArrayList<>(now);
    keptNow.retainAll(old);
    if (!kept.equals(keptNow)) {
      changes.expand(
          ChangeKind.ENUM_VALUES_REORDERED,
          name,
          "the values of enum "
              + name
              + " sort in a new order, "
              + keptNow
              + ": the previous release can still write them all, but ORDER BY on them changes");
    }
  }
}
