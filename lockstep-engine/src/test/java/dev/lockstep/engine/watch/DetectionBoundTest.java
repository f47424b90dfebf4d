package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fastest any detector could act on the error-rate doublings {@link SignalJudgeDetectionTest}
 * times, to read the watch's times against: a CUSUM of the errors counted every second, which is
 * the quickest detector of a change for a given false-alarm rate (Lorden, Moustakides), given more
 * than a watch has: the baseline rate known exactly, not estimated, and the exact size of the
 * change it looks for. Its threshold is set so that noise alone crosses it in 1 of 100 half-hour
 * watches, the rate the watch keeps ({@link SignalJudgeNoiseTest}). Seeded, so its figures are the
 * ones the README quotes.
 */
class DetectionBoundTest {

  private static final double RPS = 10;
  private static final int HALF_HOUR = 1800;
  private static final int NOISE_TRIALS = 20_000;
  private static final int REGRESSION_TRIALS = 2_000;

  @Test
  void doublingFromOnePercent_noDetectorCatchesItWithinTwoMinutesMostOfTheTime() {
    int[] seconds = detectionSeconds(0.01);

    report("errors 1% -> 2%", seconds);
    // About 0.1 errors a second before and 0.2 after: the counts hold too little to tell them
    // apart sooner without more false alarms.
    assertThat(median(seconds)).isGreaterThan(Duration.ofMinutes(2));
    assertThat(shareWithinTwoMinutes(seconds)).isLessThan(0.5);
  }

  @Test
  void doublingFromFivePercent_isCaughtWithinAMinute() {
    int[] seconds = detectionSeconds(0.05);

    report("errors 5% -> 10%", seconds);
    assertThat(median(seconds)).isLessThan(Duration.ofMinutes(1));
  }

  /**
   * The seconds the ideal detector takes to act on {@code errorShare} of the requests failing twice
   * as often, in each regression trial, sorted.
   */
  private static int[] detectionSeconds(double errorShare) {
    double perSecond = RPS * errorShare;
    SplittableRandom random = new SplittableRandom(20261207);
    double[] noisePeaks = new double[NOISE_TRIALS];
    for (int trial = 0; trial < NOISE_TRIALS; trial++) {
      noisePeaks[trial] = new Cusum(perSecond).peakOver(random, perSecond, HALF_HOUR);
    }
    Arrays.sort(noisePeaks);
    double threshold = noisePeaks[(int) (NOISE_TRIALS * 0.99)];
    int[] seconds = new int[REGRESSION_TRIALS];
    for (int trial = 0; trial < REGRESSION_TRIALS; trial++) {
      seconds[trial] = new Cusum(perSecond).secondsToCross(random, 2 * perSecond, threshold);
    }
    Arrays.sort(seconds);
    return seconds;
  }

  private static Duration median(int[] sortedSeconds) {
    return Duration.ofSeconds(sortedSeconds[sortedSeconds.length / 2]);
  }

  private static double shareWithinTwoMinutes(int[] seconds) {
    return Arrays.stream(seconds).filter(second -> second <= 120).count() / (double) seconds.length;
  }

  private static void report(String what, int[] sortedSeconds) {
    System.out.printf(
        Locale.ROOT,
        "ideal detector, 10 rps, %-16s median %s, within 2 minutes in %.0f%% (1 false alarm in 100"
            + " half hours)%n",
        what,
        median(sortedSeconds),
        100 * shareWithinTwoMinutes(sortedSeconds));
  }

  /** Page's CUSUM for a Poisson rate doubling from {@code baseline} a second. */
  private static final class Cusum {
    private final double baseline;
    private double statistic;

    Cusum(double baseline) {
      this.baseline = baseline;
    }

    /** The highest the statistic reaches over {@code seconds} of errors at {@code rate}. */
    double peakOver(SplittableRandom random, double rate, int seconds) {
      double peak = 0;
      for (int second = 0; second < seconds; second++) {
        peak = Math.max(peak, add(Simulated.poisson(random, rate)));
      }
      return peak;
    }

    /** How many seconds of errors at {@code rate} until the statistic is over {@code threshold}. */
    int secondsToCross(SplittableRandom random, double rate, double threshold) {
      int seconds = 0;
      do {
        seconds++;
      } while (add(Simulated.poisson(random, rate)) <= threshold && seconds < 100 * HALF_HOUR);
      return seconds;
    }

    /** Adds one second's count: the log-likelihood ratio of a doubled rate against the baseline. */
    private double add(int errors) {
      statistic = Math.max(0, statistic + errors * Math.log(2) - baseline);
      return statistic;
    }
  }
}
