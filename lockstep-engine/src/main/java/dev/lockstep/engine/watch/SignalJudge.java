package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Judges a watched signal against its baseline: whether what was sampled since the upgrade is worse
 * than what was sampled before it, by the rule of the signal's kind.
 *
 * <ul>
 *   <li>{@link SignalKind#RATE rate} and {@link SignalKind#RATIO ratio}: a one-sided Mann-Whitney U
 *       test of the watched samples against the baseline (the rank test automated canary analysis
 *       uses: no assumption on the shape of the distribution), plus a minimum relative change of
 *       the medians, so that a difference too small to matter never fails however sure the test is.
 *   <li>{@link SignalKind#LEVEL level}: the median of the latest {@value #LEVEL_WINDOW} samples
 *       against {@link SignalConfig#max()}.
 *   <li>{@link SignalKind#TREND trend}: the least-squares slope of the watched samples per hour,
 *       with its confidence interval, against a growth of the minimum effect times the baseline
 *       level per hour.
 * </ul>
 *
 * <p>Thresholds: a watch judges every round, and every judgement is another chance for noise to
 * look like a regression, so the bound a test must pass tightens as the watch goes on. In the first
 * baseline-long span after the upgrade a test fails below p = {@value #FAIL_P}; in the k-th span,
 * below {@value #FAIL_P}/k² (see {@link #failP(int)}). Measured on seeded noise judged the way a
 * watch judges it (every round, on the latest window, two rounds in a row to act;
 * SignalJudgeNoiseTest): at most 1 in 100 half-hour watches and 1 in 100 eight-hour watches of a
 * rate act on noise, where a fixed bound of 0.01 acted in 2 and 20. A test is marginal below p =
 * {@value #MARGINAL_P}.
 *
 * <p>Samples whose value is not finite (a ratio of no requests, a gauge that could not be read)
 * carry no information and are left out before anything is counted. The judge is stateless and safe
 * to share.
 */
public final class SignalJudge {

  /**
   * A test below this p-value, with the minimum effect, fails in the first baseline-long span after
   * the upgrade: of the bounds tried (0.01 down to 0.0005), the largest with which noise alone made
   * at most 1 seeded watch in 100 act. A doubling of errors at 10 requests per second from a 5%
   * error ratio still fails after 1 min 45 s (the median of SignalJudgeDetectionTest's runs).
   */
  public static final double FAIL_P = 0.0005;

  /** A test below this p-value, but not failing, is marginal. */
  public static final double MARGINAL_P = 0.05;

  /**
   * A rate must rise by 20% of its baseline median to fail: request-driven rates wander by about
   * that much with the time of day and with batch jobs, and a smaller rise of an error rate is not
   * worth a rollback.
   */
  public static final double DEFAULT_RATE_MIN_EFFECT = 0.20;

  /**
   * A ratio must fall by 1% of its baseline median to fail: the ratios watched are success ratios
   * near 1, where a fall from 99% to 98% already doubles the failures. Smaller falls stay marginal.
   */
  public static final double DEFAULT_RATIO_MIN_EFFECT = 0.01;

  /**
   * A trend must grow by 5% of the baseline level per hour to fail: at that pace a process with the
   * common 2x headroom runs out within the 24 to 48 hours of a watch, while caches filling and
   * pools warming up grow by less and level off.
   */
  public static final double DEFAULT_TREND_MIN_EFFECT = 0.05;

  /**
   * At least 6 watched samples: the median of fewer moves with a single spike. At the default
   * 15-second interval that is 90 seconds, the earliest a regression can be called.
   */
  public static final int MIN_WATCHED = 6;

  /**
   * At least 20 baseline samples (5 minutes at the default interval), so that one burst before the
   * upgrade is not taken for the norm.
   */
  public static final int MIN_BASELINE = 20;

  /**
   * At least 40 watched samples for a trend (10 minutes at the default interval): over a shorter
   * span a garbage collection cycle or a cache warming up reads as growth.
   */
  public static final int MIN_TREND_WATCHED = 40;

  /** A level is judged on its latest 8 samples (2 minutes at the default interval). */
  public static final int LEVEL_WINDOW = 8;

  /**
   * The p-value a test must go below to fail in the {@code span}-th baseline-long span since the
   * upgrade (1 for the first): {@link #FAIL_P} divided by the square of the span, so that a watch
   * of any length spends on noise less than twice what its first span does.
   */
  public static double failP(int span) {
    return FAIL_P / ((double) span * span);
  }

  /**
   * Judges one signal as in the first span after the upgrade; see {@link #judge(SignalConfig, List,
   * List, int)}.
   */
  public Judgement judge(SignalConfig signal, List<Sample> baseline, List<Sample> watched) {
    return judge(signal, baseline, watched, 1);
  }

  /**
   * Judges one signal.
   *
   * @param baseline the samples taken before the upgrade; not needed for a level
   * @param watched the samples taken since the upgrade, or the latest window of them, as the watch
   *     chooses
   * @param span which baseline-long span since the upgrade the judgement falls in, from 1; sets the
   *     bound a test must pass ({@link #failP(int)})
   */
  public Judgement judge(
      SignalConfig signal, List<Sample> baseline, List<Sample> watched, int span) {
    List<Sample> before = readable(baseline);
    List<Sample> after = readable(watched);
    int neededBaseline = signal.kind() == SignalKind.LEVEL ? 0 : MIN_BASELINE;
    int neededWatched = signal.kind() == SignalKind.TREND ? MIN_TREND_WATCHED : MIN_WATCHED;
    if (before.size() < neededBaseline || after.size() < neededWatched) {
      return new Judgement(
          signal.name(),
          signal.kind(),
          SignalVerdict.NOT_ENOUGH_DATA,
          String.format(
              "%s has %d baseline and %d watched samples, and needs at least %d and %d: not enough"
                  + " data yet",
              signal.name(), before.size(), after.size(), neededBaseline, neededWatched),
          new LinkedHashMap<>(),
          before.size(),
          after.size());
    }
    Finding finding =
        switch (signal.kind()) {
          case RATE, RATIO ->
              ShiftTest.judge(
                  signal.name(), signal.kind(), minEffect(signal), failP(span), before, after);
          case LEVEL -> BoundCheck.judge(signal.name(), signal.max(), before, after);
          case TREND ->
              TrendTest.judge(signal.name(), minEffect(signal), failP(span), before, after);
        };
    return new Judgement(
        signal.name(),
        signal.kind(),
        finding.verdict(),
        finding.reason(),
        finding.numbers(),
        before.size(),
        after.size());
  }

  /**
   * The signal's minimum effect, or its kind's default; a level has none (its bound is its max).
   */
  public static double minEffect(SignalConfig signal) {
    if (signal.minEffect() != null) {
      return signal.minEffect();
    }
    return switch (signal.kind()) {
      case RATE -> DEFAULT_RATE_MIN_EFFECT;
      case RATIO -> DEFAULT_RATIO_MIN_EFFECT;
      case TREND -> DEFAULT_TREND_MIN_EFFECT;
      case LEVEL -> 0;
    };
  }

  private static List<Sample> readable(List<Sample> samples) {
    return samples.stream()
        .filter(sample -> Double.isFinite(sample.value()))
        .sorted(Comparator.comparing(Sample::at))
        .toList();
  }
}
