package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.FunctionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Functions and procedures, known to callers by their name and the arguments they pass. A new body
 * behind the same signature and result is expand: the previous release still finds and calls it. So
 * is a function replaced by one with more arguments when the new ones have defaults: a call that
 * leaves them out still finds it. But such a function added next to the old one makes those calls
 * ambiguous, which PostgreSQL refuses.
 */
final class FunctionDiffer {
  private static final Matcher<FunctionSnapshot> MATCHER =
      new Matcher<>(
          FunctionSnapshot::signature,
          FunctionSnapshot::oid,
          (a, b) -> a.kind().equals(b.kind()) && a.arguments().equals(b.arguments()));
  private static final String FUNCTION = "function";

  private final Changes changes;

  FunctionDiffer(Changes changes) {
    this.changes = changes;
  }

  void diff(List<FunctionSnapshot> before, List<FunctionSnapshot> after, boolean idsComparable) {
    Matcher.Result<FunctionSnapshot> matched = MATCHER.match(before, after, idsComparable);
    List<FunctionSnapshot> added = new ArrayList<>(matched.added());
    for (FunctionSnapshot function : matched.dropped()) {
      Optional<FunctionSnapshot> successor =
          added.stream().filter(a -> acceptsTheCallsOf(a, function)).findFirst();
      if (successor.isPresent()) {
        added.remove(successor.get());
        extended(function, successor.get());
      } else {
        changes.contract(
            ChangeKind.FUNCTION_DROPPED,
            function.signature(),
            function.kind()
                + " "
                + function.signature()
                + " was dropped: the previous release may still call it");
      }
    }
    List<FunctionSnapshot> kept = new ArrayList<>();
    for (Matcher.Pair<FunctionSnapshot> pair : matched.pairs()) {
      compare(pair.before(), pair.after());
      kept.add(pair.after());
    }
    for (FunctionSnapshot function : added) {
      Optional<FunctionSnapshot> rival =
          kept.stream()
              .filter(k -> extendsWithDefaults(function, k) || extendsWithDefaults(k, function))
              .findFirst();
      if (rival.isPresent()) {
        ambiguous(function, rival.get());
      } else {
        changes.expand(
            ChangeKind.FUNCTION_ADDED,
            function.signature(),
            "new "
                + function.kind()
                + " "
                + function.signature()
                + ": the previous release does not call it");
      }
    }
  }

  private void extended(FunctionSnapshot old, FunctionSnapshot now) {
    int extra = now.argumentCount() - old.argumentCount();
    changes.expand(
        ChangeKind.FUNCTION_ARGUMENTS_ADDED,
        old.signature(),
        "function "
            + old.signature()
            + " was replaced by "
            + now.signature()
            + ", whose "
            + (extra == 1 ? "new argument has a default" : extra + " new arguments have defaults")
            + ": the previous release's calls with "
            + arguments(old.argumentCount())
            + " still find it, with the same argument names and types, and get the same result"
            + " type ("
            + now.result()
            + ")");
  }

  private void ambiguous(FunctionSnapshot added, FunctionSnapshot existing) {
    FunctionSnapshot shorter = added.argumentCount() < existing.argumentCount() ? added : existing;
    changes.contract(
        ChangeKind.FUNCTION_ADDED,
        added.signature(),
        "new function "
            + added.signature()
            + " sits next to "
            + existing.signature()
            + ", and the arguments one has beyond the other have defaults: a call with "
            + arguments(shorter.argumentCount())
            + ", as the previous release may make, now matches both, and PostgreSQL"
            + " refuses it as ambiguous (function … is not unique)");
  }

  private static String arguments(int count) {
    return switch (count) {
      case 0 -> "no arguments";
      case 1 -> "one argument";
      default -> count + " arguments";
    };
  }

  /** Whether {@code now}, a new function, takes every call the dropped {@code old} took. */
  private static boolean acceptsTheCallsOf(FunctionSnapshot now, FunctionSnapshot old) {
    return extendsWithDefaults(now, old) && Objects.equals(now.result(), old.result());
  }

  /**
   * Whether {@code longer} is {@code shorter} with more arguments at the end, all with defaults: a
   * call that passes {@code shorter}'s arguments (by position or by name) also matches {@code
   * longer}. Procedures are left out: a call passes their OUT arguments too.
   */
  private static boolean extendsWithDefaults(FunctionSnapshot longer, FunctionSnapshot shorter) {
    int extra = longer.argumentCount() - shorter.argumentCount();
    boolean prefix =
        shorter.arguments().isEmpty()
            ? !longer.arguments().isEmpty()
            : longer.arguments().startsWith(shorter.arguments() + ", ");
    return FUNCTION.equals(longer.kind())
        && FUNCTION.equals(shorter.kind())
        && longer.qualifiedName().equals(shorter.qualifiedName())
        && extra > 0
        && extra <= longer.defaultCount()
        && prefix;
  }

  private void compare(FunctionSnapshot before, FunctionSnapshot after) {
    String signature = before.signature();
    if (!signature.equals(after.signature())) {
      changes.contract(
          ChangeKind.FUNCTION_RENAMED,
          signature,
          before.kind()
              + " "
              + signature
              + " was renamed to "
              + after.signature()
              + ": the previous release still calls "
              + signature);
    } else if (!Objects.equals(before.result(), after.result())) {
      changes.contract(
          ChangeKind.FUNCTION_CHANGED,
          signature,
          before.kind()
              + " "
              + signature
              + " now returns "
              + after.result()
              + " instead of "
              + before.result()
              + ": the previous release expects "
              + before.result());
    } else if (!Objects.equals(before.definitionHash(), after.definitionHash())) {
      changes.expand(
          ChangeKind.FUNCTION_CHANGED,
          signature,
          "the body of "
              + before.kind()
              + " "
              + signature
              + " changed: "
              + ("trigger".equals(after.result())
                  ? "the previous release does not call a trigger function itself; what the new"
                      + " body does to its writes is judged with the triggers that run it"
                  : "the previous release still calls it with the same arguments and gets the"
                      + " same result type"));
    }
  }
}
