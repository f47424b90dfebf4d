package dev.lockstep.engine.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads one watched signal's value from its source. {@link SignalReaders#of} picks the reader for a
 * signal's source.
 */
public interface SignalReader {

  /**
   * One reading now.
   *
   * @return the value, or empty when there is nothing to read yet (the first scrape of a counter, a
   *     counter that was reset, an empty Prometheus vector, a ratio with nothing to divide)
   * @throws SignalReadException when the source cannot be read or answers no number
   */
  OptionalDouble read();

  /**
   * The signal's past values, for the baseline. Only a Prometheus source keeps history; the others
   * answer an empty list, and the baseline is then sampled live.
   *
   * @param from the first instant asked
   * @param to the last instant asked
   * @param step the time between two values
   * @throws SignalReadException when the source cannot be read or answers no number
   */
  List<Sample> history(Instant from, Instant to, Duration step);
}
