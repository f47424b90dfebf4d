package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalConfig;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Noise must not fail: 100 seeded trials per kind in which the watched samples come from the same
 * distribution as the baseline. One judgement per trial, on the whole watched window, fails in at
 * most 1 trial of 100. Printed too, not asserted: in how many trials a judgement after every new
 * sample (as the watch judges; once a minute for a trend) failed at least once over the same
 * window. That figure is larger, and is the false-alarm rate a watch of that length has.
 */
class SignalJudgeNoiseTest {

  private static final int TRIALS = 100;
  private static final int BASELINE = 120;
  private static final int WATCHED = 120;
  private static final double RPS = 10;

  private final SignalJudge judge = new SignalJudge();

  private record Trial(List<Sample> baseline, List<Sample> watched) {}

  @Test
  void rate_errorsAtOnePercentOf10Rps() {
    assertNoiseDoesNotFail(
        "rate, 10 rps, 1% errors",
        SignalJudgeDetectionTest.rate(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.errorRate(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.01),
              sim.errorRate(Simulated.UPGRADE, WATCHED, RPS, 0.01));
        });
  }

  @Test
  void ratio_successAt99PercentOf10Rps() {
    assertNoiseDoesNotFail(
        "ratio, 10 rps, 99% success",
        SignalJudgeDetectionTest.ratio(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.successRatio(Simulated.baselineStart(BASELINE), BASELINE, RPS, 0.01),
              sim.successRatio(Simulated.UPGRADE, WATCHED, RPS, 0.01));
        });
  }

  @Test
  void level_gaussianLagUnderItsBound() {
    assertNoiseDoesNotFail(
        "level, lag 20 s +- 4 s, max 30 s",
        SignalJudgeDetectionTest.level(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.gauge(Simulated.baselineStart(BASELINE), BASELINE, hours -> 20, 4),
              sim.gauge(Simulated.UPGRADE, WATCHED, hours -> 20, 4));
        });
  }

  @Test
  void trend_flatMemoryWithGaussianNoise() {
    assertNoiseDoesNotFail(
        "trend, memory flat, noise 2%, 2 h",
        SignalJudgeDetectionTest.trend(),
        seed -> {
          Simulated sim = new Simulated(seed);
          return new Trial(
              sim.gauge(Simulated.baselineStart(BASELINE), BASELINE, hours -> 1000, 20),
              sim.gauge(Simulated.UPGRADE, 480, hours -> 1000, 20));
        });
  }

  private void assertNoiseDoesNotFail(
      String what, SignalConfig signal, LongFunction<Trial> trials) {
    int failed = 0;
    int marginal = 0;
    int failedOnceAlong = 0;
    int every = 1;
    for (int seed = 0; seed < TRIALS; seed++) {
      Trial trial = trials.apply(seed);
      // Two hours of a trend judged once a minute, not every 15 s, keep this class under 20 s.
      every = Math.max(1, trial.watched().size() / WATCHED);
      SignalVerdict verdict = judge.judge(signal, trial.baseline(), trial.watched()).verdict();
      failed += verdict == SignalVerdict.FAIL ? 1 : 0;
      marginal += verdict == SignalVerdict.MARGINAL ? 1 : 0;
      for (int n = every; n <= trial.watched().size(); n += every) {
        List<Sample> sofar = trial.watched().subList(0, n);
        if (judge.judge(signal, trial.baseline(), sofar).verdict() == SignalVerdict.FAIL) {
          failedOnceAlong++;
          break;
        }
      }
    }
    System.out.printf(
        "noise %-36s FAIL %d, MARGINAL %d of %d trials; failed at least once when judged after"
            + " every %d samples: %d of %d%n",
        what, failed, marginal, TRIALS, every, failedOnceAlong, TRIALS);
    assertThat(failed).as("trials of pure noise that failed").isLessThanOrEqualTo(1);
  }
}
