package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.SampleSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every signal's samples on each side of an upgrade, in time order, and their verdicts. */
public final class WatchedSeries {
  private final Map<String, List<Sample>> baseline = new LinkedHashMap<>();
  private final Map<String, List<Sample>> watched = new LinkedHashMap<>();

  public static WatchedSeries of(List<RecordedSample> samples) {
    WatchedSeries series = new WatchedSeries();
    series.add(samples);
    return series;
  }

  public void add(List<RecordedSample> samples) {
    for (RecordedSample sample : samples) {
      (sample.series() == SampleSeries.BASELINE ? baseline : watched)
          .computeIfAbsent(sample.signal(), name -> new ArrayList<>())
          .add(new Sample(sample.at(), sample.value()));
    }
  }

  public List<Sample> baseline(String signal) {
    return baseline.getOrDefault(signal, List.of());
  }

  public List<Sample> watched(String signal) {
    return watched.getOrDefault(signal, List.of());
  }

  /**
   * Every signal of {@code config} judged at {@code now}: a trend on all its samples since the
   * upgrade, the others on the latest baseline-long window, so that a regression late in a long
   * watch does not drown in its good first hours. Each judgement knows which baseline-long span
   * since the first watched sample it falls in, and so the bound it must pass ({@link
   * SignalJudge#failP(int)}).
   */
  public List<Judgement> judge(SignalJudge judge, WatchConfig config, Instant now) {
    Instant recentFrom = now.minus(config.baseline());
    return config.signals().stream()
        .map(
            signal -> {
              List<Sample> since = watched(signal.name());
              int span = since.isEmpty() ? 1 : span(since.get(0).at(), now, config.baseline());
              if (signal.kind() != SignalKind.TREND) {
                since = since.stream().filter(s -> !s.at().isBefore(recentFrom)).toList();
              }
              return judge.judge(signal, baseline(signal.name()), since, span);
            })
        .toList();
  }

  /** 1 within one baseline window of the first watched sample, 2 within two, and so on. */
  static int span(Instant firstWatched, Instant now, Duration window) {
    long elapsed = Math.max(0, Duration.between(firstWatched, now).toMillis());
    return (int) Math.min(Integer.MAX_VALUE, 1 + elapsed / Math.max(1, window.toMillis()));
  }
}
