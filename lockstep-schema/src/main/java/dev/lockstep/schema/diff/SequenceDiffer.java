package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.SequenceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sequences that stand on their own or back a {@code serial} column. The previous release may call
 * {@code nextval} on them by name, so a drop or rename is contract, and so is a lower limit.
 */
final class SequenceDiffer {
  private static final Matcher<SequenceSnapshot> MATCHER =
      new Matcher<>(
          SequenceSnapshot::qualifiedName,
          SequenceSnapshot::oid,
          (a, b) -> a.type().equals(b.type()) && a.increment() == b.increment());

  private final Changes changes;

  SequenceDiffer(Changes changes) {
    this.changes = changes;
  }

  void diff(List<SequenceSnapshot> before, List<SequenceSnapshot> after, boolean idsComparable) {
    Matcher.Result<SequenceSnapshot> matched = MATCHER.match(before, after, idsComparable);
    for (SequenceSnapshot sequence : matched.dropped()) {
      changes.contract(
          ChangeKind.SEQUENCE_DROPPED,
          sequence.qualifiedName(),
          "sequence "
              + sequence.qualifiedName()
              + " was dropped: the previous release (or a column default it relies on) may still"
              + " take values from it");
    }
    for (Matcher.Pair<SequenceSnapshot> pair : matched.pairs()) {
      compare(pair.before(), pair.after());
    }
    for (SequenceSnapshot sequence : matched.added()) {
      changes.expand(
          ChangeKind.SEQUENCE_ADDED,
          sequence.qualifiedName(),
          "new sequence " + sequence.qualifiedName() + ": the previous release does not use it");
    }
  }

  private void compare(SequenceSnapshot before, SequenceSnapshot after) {
    String name = before.qualifiedName();
    if (!name.equals(after.qualifiedName())) {
      changes.contract(
          ChangeKind.SEQUENCE_RENAMED,
          name,
          "sequence "
              + name
              + " was renamed to "
              + after.qualifiedName()
              + ": the previous release may still call nextval('"
              + name
              + "')");
    }
    List<String> differences = new ArrayList<>();
    if (!before.type().equals(after.type())) {
      differences.add("type " + before.type() + " → " + after.type());
    }
    if (before.increment() != after.increment()) {
      differences.add("increment " + before.increment() + " → " + after.increment());
    }
    if (before.min() != after.min()) {
      differences.add("minimum " + before.min() + " → " + after.min());
    }
    if (before.max() != after.max()) {
      differences.add("maximum " + before.max() + " → " + after.max());
    }
    if (before.cycle() != after.cycle()) {
      differences.add(after.cycle() ? "now cycles" : "no longer cycles");
    }
    if (!Objects.equals(before.ownedBy(), after.ownedBy())) {
      differences.add("owned by " + before.ownedBy() + " → " + after.ownedBy());
    }
    if (differences.isEmpty()) {
      return;
    }
    boolean fewerValues = after.max() < before.max() || after.min() > before.min();
    changes.add(
        ChangeKind.SEQUENCE_CHANGED,
        name,
        fewerValues,
        "sequence "
            + name
            + " changed ("
            + String.join(", ", differences)
            + (fewerValues
                ? "): it runs out sooner, and the previous release's inserts may fail when it does"
                : "): the previous release still gets values from it"));
  }
}
