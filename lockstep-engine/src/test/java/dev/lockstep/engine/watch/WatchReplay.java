package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.SampleSeries;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Replays a signal's samples the way {@link UpgradeWatch} sees them: one watched sample per round,
 * every signal judged by {@link WatchedSeries} on its latest window at the round's time, and a fail
 * acted on only once it held for {@link UpgradeWatch#CONFIRMING_ROUNDS} rounds. The real classes,
 * without the clock and the journal, so that thousands of simulated watches run in seconds.
 */
final class WatchReplay {
  private final SignalJudge judge = new SignalJudge();
  private final SignalConfig signal;
  private final WatchConfig config;

  WatchReplay(SignalConfig signal, Duration baselineWindow) {
    this.signal = signal;
    this.config = new WatchConfig(null, Simulated.INTERVAL, baselineWindow, null, List.of(signal));
  }

  /** The first watched sample at which the watch would act, if any. */
  Optional<Sample> actedOn(List<Sample> baseline, List<Sample> watched) {
    WatchedSeries series = new WatchedSeries();
    series.add(recorded(baseline, SampleSeries.BASELINE));
    FailStreaks streaks = new FailStreaks(UpgradeWatch.CONFIRMING_ROUNDS);
    for (Sample sample : watched) {
      series.add(recorded(List.of(sample), SampleSeries.WATCHED));
      if (!streaks.confirmed(series.judge(judge, config, sample.at())).isEmpty()) {
        return Optional.of(sample);
      }
    }
    return Optional.empty();
  }

  private List<RecordedSample> recorded(List<Sample> samples, SampleSeries series) {
    return samples.stream()
        .map(sample -> new RecordedSample(signal.name(), series, sample.at(), sample.value()))
        .toList();
  }
}
