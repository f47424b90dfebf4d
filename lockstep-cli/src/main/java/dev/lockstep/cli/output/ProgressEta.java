package dev.lockstep.cli.output;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressState;

/**
 * The time a progress bar shows as left: nothing ("?") until enough is done to extrapolate. A
 * dump's first tick often comes after the server's start-up cost and a sliver of bytes, and
 * extrapolating from it promised hours ("0:00:02 / 3:35:57") for a job that took seconds.
 */
final class ProgressEta implements Function<ProgressState, Optional<Duration>> {
  /** At least this share of the work done before any estimate. */
  static final double MIN_DONE = 0.05;

  /** And at least this long running, so that start-up costs are not the whole sample. */
  static final Duration MIN_ELAPSED = Duration.ofSeconds(3);

  @Override
  public Optional<Duration> apply(ProgressState state) {
    if (state.isIndefinite() || state.getMax() <= 0) {
      return Optional.empty();
    }
    double done = (double) (state.getCurrent() - state.getStart()) / state.getMax();
    Duration elapsed = state.getElapsedAfterStart();
    if (done >= 1) {
      return Optional.of(Duration.ZERO);
    }
    if (done < MIN_DONE || elapsed.compareTo(MIN_ELAPSED) < 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * (1 - done) / done)));
  }
}
