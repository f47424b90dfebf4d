package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.FunctionSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Functions and procedures, known to callers by their signature. A new body behind the same
 * signature and result is expand: the previous release still finds and calls it.
 */
final class FunctionDiffer {
  private static final Matcher<FunctionSnapshot> MATCHER =
      new Matcher<>(
          FunctionSnapshot::signature,
          FunctionSnapshot::oid,
          (a, b) -> a.kind().equals(b.kind()) && a.arguments().equals(b.arguments()));

  private final Changes changes;

  FunctionDiffer(Changes changes) {
    this.changes = changes;
  }

  void diff(List<FunctionSnapshot> before, List<FunctionSnapshot> after, boolean idsComparable) {
    Matcher.Result<FunctionSnapshot> matched = MATCHER.match(before, after, idsComparable);
    for (FunctionSnapshot function : matched.dropped()) {
      changes.contract(
          ChangeKind.FUNCTION_DROPPED,
          function.signature(),
          function.kind()
              + " "
              + function.signature()
              + " was dropped: the previous release may still call it");
    }
    for (Matcher.Pair<FunctionSnapshot> pair : matched.pairs()) {
      compare(pair.before(), pair.after());
    }
    for (FunctionSnapshot function : matched.added()) {
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
              + " changed: the previous release still calls it with the same arguments and gets"
              + " the same result type");
    }
  }
}
