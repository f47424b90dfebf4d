package dev.lockstep.core.plan;

import java.util.List;

/**
 * Whether an upgrade could replace the nodes one at a time while the others keep serving: only when
 * the new release declares itself compatible with the installed one and every pending migration is
 * proven expand, so that nodes of both releases can run on the migrated schema side by side.
 *
 * @param allowed whether a rolling upgrade is safe for this upgrade
 * @param reasons the facts behind the verdict: why not (each naming the release or migration), or
 *     what makes it safe
 */
public record RollingVerdict(boolean allowed, List<String> reasons) {

  public RollingVerdict {
    reasons = List.copyOf(reasons);
  }

  public static RollingVerdict allowed(List<String> because) {
    return new RollingVerdict(true, because);
  }

  public static RollingVerdict refused(List<String> because) {
    return new RollingVerdict(false, because);
  }
}
