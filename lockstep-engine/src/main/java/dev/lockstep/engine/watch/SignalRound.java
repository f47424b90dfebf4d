package dev.lockstep.engine.watch;

import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.SampleSeries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One round of sampling: every signal read once. A signal that cannot be read is told to the
 * listener and left out of the round; one with nothing to read yet is left out silently.
 */
final class SignalRound {
  private SignalRound() {}

  /**
   * @param readers each signal's reader, by the signal's name, in the config's order
   */
  static List<RecordedSample> read(
      Map<String, SignalReader> readers, SampleSeries series, Clock clock, WatchListener listener) {
    List<RecordedSample> round = new ArrayList<>();
    readers.forEach(
        (name, reader) -> {
          try {
            OptionalDouble value = reader.read();
            if (value.isPresent()) {
              round.add(new RecordedSample(name, series, clock.instant(), value.getAsDouble()));
            }
          } catch (RuntimeException e) {
            listener.readFailed(name, e.getMessage());
          }
        });
    return round;
  }
}
