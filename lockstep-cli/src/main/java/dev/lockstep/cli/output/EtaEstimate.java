package dev.lockstep.cli.output;

import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ProgressState;

/**
 * The time left on a progress bar, shown only once enough is done for the rate to mean something.
 * The library's own estimate extrapolates from the first tick: a dump that has written its first
 * few kilobytes in two seconds read {@code 0:00:02 / 3:35:57}.
 */
final class EtaEstimate {
  /** Both must be reached before any estimate: a share of the work, and some time. */
  static final double MIN_DONE = 0.02;

  static final Duration MIN_ELAPSED = Duration.ofSeconds(3);

  private EtaEstimate() {}

  static Optional<Duration> of(ProgressState state) {
    if (state.isIndefinite()) {
      return Optional.empty();
    }
    return of(
        state.getCurrent() - state.getStart(),
        state.getMax() - state.getStart(),
        state.getElapsedAfterStart());
  }

  static Optional<Duration> of(long done, long total, Duration elapsed) {
    if (total <= 0 || done <= 0 || elapsed.compareTo(MIN_ELAPSED) < 0) {
      return Optional.empty();
    }
    double fraction = Math.min(1.0, (double) done / total);
    if (fraction < MIN_DONE) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * (1 - fraction) / fraction)));
  }
}
