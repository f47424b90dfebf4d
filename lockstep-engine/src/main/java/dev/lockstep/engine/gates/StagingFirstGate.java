package dev.lockstep.engine.gates;

import dev.lockstep.core.config.PromotionConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.promotion.Bake;
import dev.lockstep.engine.promotion.SharedRuns;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Staging first: an environment that comes after another ({@code promotion.after}) takes a release
 * only once that one has run it for the bake time ({@code promotion.bake}), as the shared folder
 * says. {@code upgrade --skip-staging REASON} passes it anyway; the reason is journaled with the
 * run and shown in its report. A deployment that comes after no environment leaves the gate out.
 */
public final class StagingFirstGate implements Gate {
  static final String NAME = "staging first";

  @Override
  public GateResult check(GateContext context) {
    PromotionConfig promotion = context.config().promotion();
    if (promotion == null || promotion.after() == null) {
      return null;
    }
    String release = context.target().version().toString();
    String after = promotion.after();
    Bake bake;
    try {
      bake = Bake.of(SharedRuns.of(promotion).of(after), release);
    } catch (RuntimeException e) {
      return refused(
          context,
          "cannot read what " + after + " ran: " + e.getMessage(),
          "make " + promotion.sharedPlace() + " readable here (" + promotion.sharedField() + ").");
    }
    if (!bake.ran()) {
      return refused(
          context,
          after
              + " has not completed an upgrade to "
              + release
              + " (in "
              + promotion.sharedPlace()
              + ")",
          "upgrade "
              + after
              + " to "
              + release
              + " first, and let it run for "
              + text(promotion.bake())
              + ".");
    }
    Duration ran = bake.ran(Instant.now());
    if (bake.rolledBack()) {
      return refused(
          context,
          after
              + " ran "
              + release
              + " for "
              + text(ran)
              + ", then "
              + bake.endedBy()
              + " rolled it back",
          "find out why " + after + " rolled " + release + " back before taking it here.");
    }
    if (ran.compareTo(promotion.bake()) < 0) {
      return refused(
          context,
          after
              + " has run "
              + release
              + " for "
              + text(ran)
              + (bake.until() == null ? "" : " (until " + bake.endedBy() + ")")
              + " of the "
              + text(promotion.bake())
              + " bake time (promotion.bake)"
              + (bake.until() == null
                  ? "; it can come here from "
                      + bake.since().plus(promotion.bake()).truncatedTo(ChronoUnit.SECONDS)
                  : ""),
          "wait for the bake time to pass on " + after + ".");
    }
    return GateResult.passed(
        NAME,
        after
            + " ran "
            + release
            + " for "
            + text(ran)
            + (bake.until() == null ? " so far" : " (until " + bake.endedBy() + ")")
            + ", at least the "
            + text(promotion.bake())
            + " bake time");
  }

  private static GateResult refused(GateContext context, String message, String fix) {
    String reason = context.options().skipStaging();
    if (reason != null) {
      return GateResult.passed(NAME, message + "; skipped by the operator: " + reason);
    }
    return GateResult.blocked(
        NAME, message + ".", fix + " Or upgrade --skip-staging REASON to take it now anyway.");
  }

  private static String text(Duration duration) {
    return Durations.format(duration.withNanos(0));
  }
}
