package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Noise must not make a watch act: 100 seeded watches per kind in which the watched samples come
 * from the same distribution as a 30-minute baseline, replayed the way a watch judges them (every
 * round, on the latest window, two failed rounds in a row to act). At most 1 in 100 may act, over
 * half an hour for every kind (two hours for a trend) and over eight hours for an error rate, the
 * kind noise fails most.
 */
@Execution(ExecutionMode.CONCURRENT)
class SignalJudgeNoiseTest {

  private static final int TRIALS = 100;
  private static final int BASELINE = 120;
  private static final int HALF_HOUR = 120;
  private static final double RPS = 10;

  private record Trial(List<Sample> baseline, List<Sample> watched) {}

  @Test
  void rate_errorsAtOnePercentOf10Rps() {
    assertNoiseActsOnAtMostOne("rate, 10 rps, 1% errors, 30 min", rate(0.01, HALF_HOUR));
  }

  @Test
  void rate_errorsAtFivePercentOf10Rps() {
    assertNoiseActsOnAtMostOne("rate, 10 rps, 5% errors, 30 min", rate(0.05, HALF_HOUR));
  }

  @Test
  void rate_errorsAtOnePercentOf10Rps_overEightHours() {
    assertNoiseActsOnAtMostOne("rate, 10 rps, 1% errors, 8 h", rate(0.01, 16 * HALF_HOUR));
  }

  @Test
  void ratio_successAt99PercentOf10Rps() {
    assertNoiseActsOnAtMostOne(
        "ratio, 10 rps, 99% success, 30 min",
        SignalJudgeDetectionTest.ratio(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.successRatio(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.01),
              sim.successRatio(Simulated.UPGRADE, HALF_HOUR, RPS, 0.01));
        });
  }

  @Test
  void level_gaussianLagUnderItsBound() {
    assertNoiseActsOnAtMostOne(
        "level, lag 20 s +- 4 s, max 30 s, 30 min",
        SignalJudgeDetectionTest.level(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.gauge(Simulated.baselineStart(BASELINE), BASELINE, hours -> 20, 4),
              sim.gauge(Simulated.UPGRADE, HALF_HOUR, hours -> 20, 4));
        });
  }

  @Test
  void trend_flatMemoryWithGaussianNoise() {
    assertNoiseActsOnAtMostOne(
        "trend, memory flat, noise 2%, 2 h",
        SignalJudgeDetectionTest.trend(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.gauge(Simulated.baselineStart(BASELINE), BASELINE, hours -> 1000, 20),
              sim.gauge(Simulated.UPGRADE, 4 * HALF_HOUR, hours -> 1000, 20));
        });
  }

  private void assertNoiseActsOnAtMostOne(String what, LongFunction<Trial> trials) {
    assertNoiseActsOnAtMostOne(what, SignalJudgeDetectionTest.rate(), trials);
  }

  private static LongFunction<Trial> rate(double errorRatio, int rounds) {
    return seed -> {
      Simulated sim = new Simulated(seed);
      return new Trial(
          sim.errorRate(Simulated.baselineStart(BASELINE), BASELINE, RPS, errorRatio),
          sim.errorRate(Simulated.UPGRADE, rounds, RPS, errorRatio));
    };
  }

  private void assertNoiseActsOnAtMostOne(
      String what, SignalConfig signal, LongFunction<Trial> trials) {
    WatchReplay watch = new WatchReplay(signal, Simulated.INTERVAL.multipliedBy(BASELINE));
    int acted = 0;
    Duration earliest = null;
    for (int seed = 0; seed < TRIALS; seed++) {
      Trial trial = trials.apply(seed);
      var at = watch.actedOn(trial.baseline(), trial.watched());
      if (at.isPresent()) {
        acted++;
        Duration after = Duration.between(Simulated.UPGRADE, at.get().at());
        earliest = earliest == null || after.compareTo(earliest) < 0 ? after : earliest;
      }
    }
    System.out.printf(
        "noise %-40s a watch acted in %d of %d trials%s%n",
        what, acted, TRIALS, earliest == null ? "" : " (the first after " + earliest + ")");
    assertThat(acted).as("watches of pure noise that acted").isLessThanOrEqualTo(1);
  }
}
