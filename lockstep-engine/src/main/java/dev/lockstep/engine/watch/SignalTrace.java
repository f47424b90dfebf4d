package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;
import java.util.List;

/**
 * One signal over a watch: what it read before the upgrade, what it has read since, and what was
 * last made of them.
 *
 * @param signal the signal as configured
 * @param baseline its samples from the baseline window before the upgrade, oldest first
 * @param watched its samples since the upgrade, oldest first
 * @param judgement the latest judgement; null before the first
 */
public record SignalTrace(
    SignalConfig signal, List<Sample> baseline, List<Sample> watched, Judgement judgement) {
  public SignalTrace {
    baseline = baseline == null ? List.of() : List.copyOf(baseline);
    watched = watched == null ? List.of() : List.copyOf(watched);
  }
}
