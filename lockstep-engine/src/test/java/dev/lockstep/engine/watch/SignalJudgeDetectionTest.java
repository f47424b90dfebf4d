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
 * How soon a regression that starts at the upgrade fails, with the default thresholds: 15-second
 * samples, a 30-minute baseline, a judgement after every new sample, over 20 seeded runs per case.
 * The times printed are the figures quoted in reports.
 */
class SignalJudgeDetectionTest {

  private static final int BASELINE = 120;
  private static final int RUNS = 20;
  private static final double RPS = 10;

  private final SignalJudge judge = new SignalJudge();

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
    // About 1.5 errors per 15-second sample: at that rate, 2 minutes are the median, not a bound.
    assertThat(median(times)).isLessThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(slowest(times)).isLessThanOrEqualTo(Duration.ofMinutes(5));
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
    assertThat(slowest(times)).isLessThan(Duration.ofMinutes(2));
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
    assertThat(median(times)).isLessThanOrEqualTo(Duration.ofMinutes(2));
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
    assertThat(slowest(times)).isLessThanOrEqualTo(Duration.ofMinutes(2));
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
    Duration[] times = new Duration[RUNS];
    for (int seed = 0; seed < RUNS; seed++) {
      Run run = runs.apply(seed);
      times[seed] = Duration.ofDays(1);
      for (int n = 1; n <= samples; n++) {
        Judgement judgement = judge.judge(signal, run.baseline(), run.watched().subList(0, n));
        if (judgement.verdict() == SignalVerdict.FAIL) {
          times[seed] = Duration.between(Simulated.UPGRADE, run.watched().get(n - 1).at());
          break;
        }
      }
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
