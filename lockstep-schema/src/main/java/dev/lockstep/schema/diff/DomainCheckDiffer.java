package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import java.util.List;

/**
 * The CHECK constraints of a domain that existed before and after: as for a table's checks, a new
 * or changed rule is contract, a dropped one or a validation expand; but the rule applies to every
 * column of the domain's type.
 */
final class DomainCheckDiffer {
  private static final Matcher<ConstraintSnapshot> MATCHER =
      new Matcher<>(ConstraintSnapshot::name, ConstraintSnapshot::oid, (a, b) -> true);

  private final Changes changes;
  private final String domain;
  private final String columns;

  /**
   * @param domain the domain, {@code schema.name} as it was named before
   * @param columns the columns of that type, in a reason's words
   */
  DomainCheckDiffer(Changes changes, String domain, String columns) {
    this.changes = changes;
    this.domain = domain;
    this.columns = columns;
  }

  void diff(
      List<ConstraintSnapshot> before, List<ConstraintSnapshot> after, boolean sameDomainObject) {
    Matcher.Result<ConstraintSnapshot> checks = MATCHER.match(before, after, sameDomainObject);
    for (ConstraintSnapshot check : checks.dropped()) {
      changes.expand(
          ChangeKind.DOMAIN_CHECK_DROPPED,
          domain + "." + check.name(),
          "check "
              + check.name()
              + " ("
              + check.definition()
              + ") was dropped from domain "
              + domain
              + ": every value the previous release writes still fits");
    }
    checks.pairs().forEach(p -> compare(p.before(), p.after()));
    for (ConstraintSnapshot check : checks.added()) {
      changes.contract(
          ChangeKind.DOMAIN_CHECK_ADDED,
          domain + "." + check.name(),
          "new check "
              + check.name()
              + " on domain "
              + domain
              + " ("
              + check.definition()
              + ")"
              + (check.validated() ? "" : " added NOT VALID (existing values are not checked)")
              + ": it applies to "
              + columns
              + ", and writes of the previous release that break it now fail");
    }
  }

  private void compare(ConstraintSnapshot before, ConstraintSnapshot after) {
    String object = domain + "." + before.name();
    if (!ConstraintDiffer.rule(before).equals(ConstraintDiffer.rule(after))) {
      changes.contract(
          ChangeKind.DOMAIN_CHECK_CHANGED,
          object,
          "check "
              + before.name()
              + " on domain "
              + domain
              + " changed from "
              + ConstraintDiffer.rule(before)
              + " to "
              + ConstraintDiffer.rule(after)
              + ": values the previous release writes into "
              + columns
              + " may break the new rule");
    } else if (!before.validated() && after.validated()) {
      changes.expand(
          ChangeKind.DOMAIN_CHECK_VALIDATED,
          object,
          "check "
              + before.name()
              + " on domain "
              + domain
              + " was validated: existing values"
              + " were checked, and new ones already were since it was added NOT VALID");
    }
  }
}
