package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.SampleSeries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Samples, before an upgrade, the signals whose past cannot be asked for later (a metrics page, a
 * JSON endpoint): every interval for the baseline window. A Prometheus signal is skipped: its
 * baseline is read from the server's history when the watch starts.
 */
public final class BaselineSampler {
  private final Function<SignalConfig, SignalReader> readers;
  private final Clock clock;
  private final Pause pause;

  public BaselineSampler(Function<SignalConfig, SignalReader> readers, Clock clock, Pause pause) {
    this.readers = readers;
    this.clock = clock;
    this.pause = pause;
  }

  /** The signals of {@code watch} that need sampling now. */
  public static List<SignalConfig> sampled(WatchConfig watch) {
    return watch.signals().stream()
        .filter(signal -> !(signal.source() instanceof SignalSource.Prometheus))
        .toList();
  }

  public List<RecordedSample> sample(WatchConfig watch, WatchListener listener) {
    List<SignalConfig> signals = sampled(watch);
    if (signals.isEmpty()) {
      return List.of();
    }
    Map<String, SignalReader> signalReaders = new LinkedHashMap<>();
    signals.forEach(signal -> signalReaders.put(signal.name(), readers.apply(signal)));
    int rounds = Math.max(1, (int) (watch.baseline().toMillis() / watch.interval().toMillis()));
    List<RecordedSample> samples = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      samples.addAll(SignalRound.read(signalReaders, SampleSeries.BASELINE, clock, listener));
      listener.baselineProgress(round, rounds);
      if (round < rounds) {
        pause.sleep(watch.interval());
      }
    }
    return samples;
  }
}
