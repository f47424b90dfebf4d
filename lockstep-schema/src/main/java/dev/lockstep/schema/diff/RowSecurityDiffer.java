package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.PolicySnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Row-level security of a table that existed before and after: whether it is enabled (and forced on
 * the table's owner), and its policies. Enabling it is contract: the previous release then only
 * sees and writes what the policies allow. While it is enabled, a row must pass one permissive
 * policy and every restrictive one: a new permissive policy only lets more through (expand), a new
 * restrictive one lets less through (contract), and a dropped permissive one hides what it let
 * through (contract). While it is disabled, policies do nothing. None of this applies to a release
 * that connects as the table's owner, unless forced.
 */
final class RowSecurityDiffer {
  private static final Matcher<PolicySnapshot> MATCHER =
      new Matcher<>(
          PolicySnapshot::name,
          PolicySnapshot::oid,
          (a, b) -> a.permissive() == b.permissive() && a.command().equals(b.command()));
  private static final String EVERY_ROLE = "public";

  private final Changes changes;

  RowSecurityDiffer(Changes changes) {
    this.changes = changes;
  }

  void diff(TableSnapshot before, TableSnapshot after, boolean sameTableObject) {
    flags(before, after);
    String table = before.qualifiedName();
    Matcher.Result<PolicySnapshot> matched =
        MATCHER.match(before.policies(), after.policies(), sameTableObject);
    boolean enforced = after.rowLevelSecurity();
    for (PolicySnapshot policy : matched.dropped()) {
      String what = policy.words() + " on " + table + " was dropped";
      if (!enforced) {
        changes.expand(ChangeKind.POLICY_DROPPED, object(table, policy), what + inert(table));
      } else {
        changes.add(
            ChangeKind.POLICY_DROPPED,
            object(table, policy),
            policy.permissive(),
            what
                + (policy.permissive()
                    ? ": the rows it let the previous release see or write are now hidden or"
                        + " refused, unless another permissive policy lets them through"
                    : ": a restriction fewer, everything the previous release did still passes"));
      }
    }
    matched.pairs().forEach(p -> compare(table, p.before(), p.after(), enforced));
    for (PolicySnapshot policy : matched.added()) {
      String what = "new " + policy.words() + " on " + table + describe(policy);
      if (!enforced) {
        changes.expand(ChangeKind.POLICY_ADDED, object(table, policy), what + inert(table));
      } else if (policy.permissive()) {
        changes.expand(
            ChangeKind.POLICY_ADDED,
            object(table, policy),
            what
                + ": a permissive policy only lets more rows through (a row needs one permissive"
                + " policy to pass), "
                + (before.rowLevelSecurity()
                    ? "so nothing the previous release did now fails"
                    : "and it is enabling row-level security that hides the others"));
      } else {
        changes.contract(
            ChangeKind.POLICY_ADDED,
            object(table, policy),
            what
                + ": every row must also pass a restrictive policy, so the previous release may no"
                + " longer see or write rows it could (unless it connects as the table's owner"
                + " and row-level security is not forced)");
      }
    }
  }

  private void flags(TableSnapshot before, TableSnapshot after) {
    String name = before.qualifiedName();
    if (before.rowLevelSecurity() != after.rowLevelSecurity()) {
      changes.add(
          ChangeKind.ROW_LEVEL_SECURITY_CHANGED,
          name,
          after.rowLevelSecurity(),
          after.rowLevelSecurity()
              ? "row-level security is now enabled on "
                  + name
                  + ": unless it connects as the table's owner, the previous release only sees and"
                  + " writes the rows the policies allow"
              : "row-level security is now disabled on "
                  + name
                  + ": every session sees every row, and nothing the previous release does fails");
    }
    if (before.forceRowLevelSecurity() != after.forceRowLevelSecurity()) {
      boolean tightened = after.forceRowLevelSecurity() && after.rowLevelSecurity();
      changes.add(
          ChangeKind.ROW_LEVEL_SECURITY_CHANGED,
          name,
          tightened,
          "row-level security on "
              + name
              + (after.forceRowLevelSecurity()
                  ? " is now forced on the table's owner"
                      + (tightened
                          ? ": a previous release that connects as the owner now only sees and"
                              + " writes the rows the policies allow"
                          : ", but it is disabled, so nothing changes for the previous release")
                  : " no longer applies to the table's owner: the owner sees every row again,"
                      + " and nothing the previous release does fails"));
    }
  }

  private void compare(String table, PolicySnapshot before, PolicySnapshot after, boolean on) {
    String object = object(table, before);
    if (!before.name().equals(after.name())) {
      changes.expand(
          ChangeKind.POLICY_RENAMED,
          object,
          "policy "
              + before.name()
              + " on "
              + table
              + " was renamed to "
              + after.name()
              + ": it lets the same rows through");
    }
    boolean sameRule =
        before.permissive() == after.permissive()
            && before.command().equals(after.command())
            && Objects.equals(before.using(), after.using())
            && Objects.equals(before.withCheck(), after.withCheck());
    if (sameRule && before.roles().equals(after.roles())) {
      return;
    }
    String what = policy(before, table) + " is now " + after.words() + describe(after);
    if (!on) {
      changes.expand(ChangeKind.POLICY_CHANGED, object, what + inert(table));
    } else if (sameRule && before.permissive() && covers(after.roles(), before.roles())) {
      changes.expand(
          ChangeKind.POLICY_CHANGED,
          object,
          what + ": the same rule for more roles only lets more rows through");
    } else if (sameRule && !before.permissive() && covers(before.roles(), after.roles())) {
      changes.expand(
          ChangeKind.POLICY_CHANGED,
          object,
          what + ": the same restriction for fewer roles only lets more rows through");
    } else {
      changes.contract(
          ChangeKind.POLICY_CHANGED,
          object,
          what
              + ": Lockstep cannot tell whether the new rule lets through every row the old one"
              + " did, so the previous release may no longer see or write rows it could");
    }
  }

  private static boolean covers(List<String> wider, List<String> narrower) {
    return wider.contains(EVERY_ROLE) || wider.containsAll(narrower);
  }

  private static String policy(PolicySnapshot policy, String table) {
    return policy.words() + " on " + table;
  }

  private static String describe(PolicySnapshot policy) {
    return (policy.using() == null ? "" : " USING " + policy.using())
        + (policy.withCheck() == null ? "" : " WITH CHECK " + policy.withCheck());
  }

  private static String inert(String table) {
    return ": row-level security is disabled on " + table + ", so policies have no effect";
  }

  private static String object(String table, PolicySnapshot policy) {
    return table + "." + policy.name();
  }
}
