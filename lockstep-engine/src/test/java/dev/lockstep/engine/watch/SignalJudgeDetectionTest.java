package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * How soon a watch acts on a regression that starts at the upgrade, with the default thresholds:
 * 15-second samples, a 30-minute baseline, replayed the way a watch judges them (every round, two
 * failed rounds in a row to act), over 20 seeded runs per case. The times printed are the figures
 * the README quotes.
 */
class SignalJudgeDetectionTest {

  private static final int BASELINE = 120;
  private static final int RUNS = 20;
  private static final double RPS = 10;

  /** Baseline and watched samples of one simulated run. */
  private record Run(List<Sample> baseline, List<Sample> watched) {}

  @Test
  void errorRate_doublingAt10RpsFromOnePercent() {
    Duration[] times =
        detect(
            rate(),
            120,
            seed -> {
              Simulated sim = new Simulated(seed);
              return new Run(
                  sim.errorRate(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.01),
                  sim.errorRate(Simulated.UPGRADE, 120, RPS, 0.02));
            });
    report("rate, 10 rps, errors 1% -> 2%", times);
    // About 1.5 errors per 15-second sample: even the ideal detector of DetectionBoundTest, with
    // the baseline known exactly, needs a median of about 3 minutes at 1 false alarm in 100.
    assertThat(median(times)).isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(slowest(times)).isLessThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void errorRate_doublingAt10RpsFromFivePercent() {
    Duration[] times =
        detect(
            rate(),
            120,
            seed -> {
              Simulated sim = new Simulated(seed);
              return new Run(
                  sim.errorRate(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.05),
                  sim.errorRate(Simulated.UPGRADE, 120, RPS, 0.10));
            });
    report("rate, 10 rps, errors 5% -> 10%", times);
    assertThat(median(times)).isLessThan(Duration.ofMinutes(2));
    assertThat(slowest(times)).isLessThanOrEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void successRatio_failuresDoublingAt10RpsFromOnePercent() {
    Duration[] times =
        detect(
            ratio(),
            120,
            seed -> {
              Simulated sim = new Simulated(seed);
              return new Run(
                  sim.successRatio(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.01),
                  sim.successRatio(Simulated.UPGRADE, 120, RPS, 0.02));
            });
    report("ratio, 10 rps, success 99% -> 98%", times);
    // The same 1.5 failures per sample as the 1% rate, and a fall of the median that only just
    // reaches the 1% that counts: slower, and a few runs stay marginal for the whole half hour.
    assertThat(median(times)).isLessThanOrEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void successRatio_failuresDoublingAt10RpsFromFivePercent() {
    Duration[] times =
        detect(
            ratio(),
            120,
            seed -> {
              Simulated sim = new Simulated(seed);
              return new Run(
                  sim.successRatio(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.05),
                  sim.successRatio(Simulated.UPGRADE, 120, RPS, 0.10));
            });
    report("ratio, 10 rps, success 95% -> 90%", times);
    assertThat(median(times)).isLessThan(Duration.ofMinutes(2));
    assertThat(slowest(times)).isLessThanOrEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void level_lagJumpingOverItsBound() {
    Duration[] times =
        detect(
            level(),
            120,
            seed -> {
              Simulated sim = new Simulated(seed);
              return new Run(
                  sim.gauge(Simulated.baselineStart(BASELINE), BASELINE, hours -> 10, 3),
                  sim.gauge(Simulated.UPGRADE, 120, hours -> 45, 3));
            });
    report("level, lag 10 s -> 45 s, max 30 s", times);
    assertThat(slowest(times)).isLessThan(Duration.ofMinutes(2));
  }

  @Test
  void trend_memoryLeakingTenPercentAnHour() {
    Duration[] times =
        detect(
            trend(),
            480,
            seed -> {
              Simulated sim = new Simulated(seed);
              return new Run(
                  sim.gauge(Simulated.baselineStart(BASELINE), BASELINE, hours -> 1000, 20),
                  sim.gauge(Simulated.UPGRADE, 480, hours -> 1000 * (1 + 0.10 * hours), 20));
            });
    report("trend, memory +10%/h, noise 2%", times);
    assertThat(slowest(times)).isLessThan(Duration.ofMinutes(30));
  }

  /** For each run, the time from the upgrade to the sample whose judgement first fails. */
  private Duration[] detect(SignalConfig signal, int samples, LongFunction<Run> runs) {
    WatchReplay watch = new WatchReplay(signal, Simulated.INTERVAL.multipliedBy(BASELINE));
    Duration[] times = new Duration[RUNS];
    for (int seed = 0; seed < RUNS; seed++) {
      Run run = runs.apply(seed);
      times[seed] =
          watch
              .actedOn(run.baseline(), run.watched().subList(0, samples))
              .map(sample -> Duration.between(Simulated.UPGRADE, sample.at()))
              .orElse(Duration.ofDays(1));
    }
    Arrays.sort(times);
    return times;
  }

  private static Duration median(Duration[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static Duration slowest(Duration[] sorted) {
    return sorted[sorted.length - 1];
  }

  private static void report(String what, Duration[] sorted) {
    System.out.printf(
        "detection %-36s median %s, fastest %s, slowest %s (of %d runs)%n",
        what, median(sorted), sorted[0], slowest(sorted), sorted.length);
  }

  static SignalConfig rate() {
    return new SignalConfig("errors", SignalKind.RATE, null, null, null);
  }

  static SignalConfig ratio() {
    return new SignalConfig("sign-ins", SignalKind.RATIO, null, null, null);
  }

  static SignalConfig level() {
    return new SignalConfig("lag", SignalKind.LEVEL, null, 30.0, null);
  }

  static SignalConfig trend() {
    return new SignalConfig("memory", SignalKind.TREND, null, null, null);
  }
}
