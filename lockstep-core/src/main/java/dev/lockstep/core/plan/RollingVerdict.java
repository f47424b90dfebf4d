package dev.lockstep.core.plan;

import java.util.List;

/**
 * Whether an upgrade could replace the nodes one at a time while the others keep serving: only when
 * the new release declares itself compatible with the installed one and every pending migration is
 * proven expand, so that nodes of both releases can run on the migrated schema side by side. And
 * whether this run does.
 *
 * @param allowed whether a rolling upgrade is safe for this upgrade
 * @param reasons the facts behind the verdict: why not (each naming the release or migration), or
 *     what makes it safe
 * @param chosen whether this run rolls
 * @param choice why this run rolls or stops every service, in one sentence; null before the
 *     strategy is chosen
 */
public record RollingVerdict(boolean allowed, List<String> reasons, boolean chosen, String choice) {

  public RollingVerdict {
    reasons = List.copyOf(reasons);
  }

  public static RollingVerdict allowed(List<String> because) {
    return new RollingVerdict(true, because, false, null);
  }

  public static RollingVerdict refused(List<String> because) {
    return new RollingVerdict(false, because, false, null);
  }

  /** This verdict, with the run's strategy and why: {@code rolls} for a rolling run. */
  public RollingVerdict choosing(boolean rolls, String why) {
    return new RollingVerdict(allowed, reasons, rolls, why);
  }
}
