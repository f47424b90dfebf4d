package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.TriggerSnapshot;
import dev.lockstep.schema.snapshot.TriggerSnapshot.Timing;
import java.util.List;

/**
 * Triggers of a table or view that existed before and after. A trigger runs inside the previous
 * release's writes, so what matters is what it can do to them:
 *
 * <ul>
 *   <li>a {@code BEFORE} or {@code INSTEAD OF} trigger decides the row written, and a constraint
 *       trigger exists to refuse writes: a new or changed one is contract;
 *   <li>an ordinary {@code AFTER} trigger cannot change the row, and can only refuse the write by
 *       raising an error: a new one is expand when its function raises none (it only writes
 *       elsewhere, like an audit trigger), contract when it does;
 *   <li>a dropped trigger that fired is contract: the previous release may rely on what it did (the
 *       values a {@code BEFORE} trigger filled in, the audit rows or derived data an {@code AFTER}
 *       trigger wrote), and the catalog cannot tell a trigger that only refused writes.
 * </ul>
 */
final class TriggerDiffer {
  private static final Matcher<TriggerSnapshot> MATCHER =
      new Matcher<>(
          TriggerSnapshot::name,
          TriggerSnapshot::oid,
          (a, b) -> a.timing() == b.timing() && a.function().equals(b.function()));

  private final Changes changes;
  private final Routines routines;

  TriggerDiffer(Changes changes, Routines routines) {
    this.changes = changes;
    this.routines = routines;
  }

  /**
   * @param relation the table or view, {@code schema.name} as it was named before
   */
  void diff(
      String relation,
      List<TriggerSnapshot> before,
      List<TriggerSnapshot> after,
      boolean sameRelationObject) {
    Matcher.Result<TriggerSnapshot> matched = MATCHER.match(before, after, sameRelationObject);
    matched.dropped().forEach(t -> dropped(relation, t));
    matched.pairs().forEach(p -> compare(relation, p.before(), p.after()));
    matched.added().forEach(t -> added(relation, t));
  }

  private void added(String relation, TriggerSnapshot trigger) {
    String what = "new " + trigger.words() + " on " + relation + " runs " + trigger.function();
    if (!trigger.fires()) {
      changes.expand(
          ChangeKind.TRIGGER_ADDED,
          object(relation, trigger),
          what
              + " but is "
              + trigger.enabled().words()
              + ": it does nothing to the previous release's writes");
      return;
    }
    String effect = effect(trigger);
    changes.add(
        ChangeKind.TRIGGER_ADDED,
        object(relation, trigger),
        effect != null,
        what + ": " + (effect != null ? effect : onlyWritesElsewhere(trigger)));
  }

  private void dropped(String relation, TriggerSnapshot trigger) {
    String what = trigger.words() + " on " + relation + " was dropped";
    if (!trigger.fires()) {
      changes.expand(
          ChangeKind.TRIGGER_DROPPED,
          object(relation, trigger),
          what
              + "; it was "
              + trigger.enabled().words()
              + ", so the previous release relied on nothing it did");
      return;
    }
    changes.contract(
        ChangeKind.TRIGGER_DROPPED,
        object(relation, trigger),
        what
            + ": the previous release may rely on what it did, "
            + reliedOn(trigger)
            + ", which no longer happens (a trigger that only refused writes could go safely, but"
            + " the catalog cannot tell one)");
  }

  private void compare(String relation, TriggerSnapshot before, TriggerSnapshot after) {
    String object = object(relation, before);
    if (!before.name().equals(after.name())) {
      changes.expand(
          ChangeKind.TRIGGER_RENAMED,
          object,
          "trigger "
              + before.name()
              + " on "
              + relation
              + " was renamed to "
              + after.name()
              + ": it does the same, and the previous release does not name triggers");
    }
    if (!TriggerFiring.same(before, after)) {
      changed(relation, before, after);
    } else if (after.fires() && routines.bodyChanged(after.function())) {
      String effect = effect(after);
      changes.add(
          ChangeKind.TRIGGER_FUNCTION_CHANGED,
          object,
          effect != null,
          "the function "
              + after.function()
              + " that "
              + after.words()
              + " on "
              + relation
              + " runs has a new body: "
              + (effect != null ? effect : onlyWritesElsewhere(after)));
    }
  }

  private void changed(String relation, TriggerSnapshot before, TriggerSnapshot after) {
    String what =
        before.words()
            + " on "
            + relation
            + " ("
            + before.enabled().words()
            + ") is now "
            + after.words()
            + " ("
            + after.enabled().words()
            + "), running "
            + after.function();
    String effect = after.fires() ? effect(after) : null;
    if (effect != null) {
      changes.contract(ChangeKind.TRIGGER_CHANGED, object(relation, before), what + ": " + effect);
    } else if (before.fires() && !TriggerFiring.covers(after, before)) {
      changes.contract(
          ChangeKind.TRIGGER_CHANGED,
          object(relation, before),
          what
              + ": it no longer fires for every write it fired for, and the previous release may"
              + " rely on what it did, "
              + reliedOn(before));
    } else {
      changes.expand(
          ChangeKind.TRIGGER_CHANGED,
          object(relation, before),
          what + ": " + (after.fires() ? onlyWritesElsewhere(after) : "it still does nothing"));
    }
  }

  /** What the trigger can do to the previous release's writes, or null when it cannot harm them. */
  private String effect(TriggerSnapshot trigger) {
    if (trigger.constraint()) {
      return "a constraint trigger exists to refuse writes, and the previous release's writes"
          + " that break its rule now fail";
    }
    if (trigger.timing() == Timing.INSTEAD_OF) {
      return "it decides what the previous release's writes through the view do, instead of them";
    }
    if (trigger.timing() == Timing.BEFORE) {
      return "it runs before the write, so it can refuse the previous release's writes"
          + (trigger.forEachRow() ? " or change the rows they write" : "");
    }
    if (routines.raisesAfter(trigger.function())) {
      return trigger.function()
          + " raises errors, and an error in an AFTER trigger undoes the"
          + " write: writes of the previous release that make it raise now fail";
    }
    return null;
  }

  private static String onlyWritesElsewhere(TriggerSnapshot trigger) {
    return "an AFTER trigger cannot change the row written, and "
        + trigger.function()
        + " raises no error, so it only writes elsewhere (as an audit trigger does): the previous"
        + " release's writes succeed as before";
  }

  private static String reliedOn(TriggerSnapshot trigger) {
    return switch (trigger.timing()) {
      case BEFORE -> "the values it filled in or corrected (derived columns, timestamps)";
      case INSTEAD_OF -> "what it did with writes through the view";
      case AFTER -> "what it wrote elsewhere (audit rows, counters, derived tables)";
    };
  }

  private static String object(String relation, TriggerSnapshot trigger) {
    return relation + "." + trigger.name();
  }
}
