package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Whether a rate rose, or a ratio fell, since the upgrade: a one-sided Mann-Whitney U test of the
 * watched samples against the baseline, and the relative change of their medians.
 */
final class ShiftTest {

  private ShiftTest() {}

  static Finding judge(
      String name,
      SignalKind kind,
      double minEffect,
      double failP,
      List<Sample> baseline,
      List<Sample> watched) {
    boolean rate = kind == SignalKind.RATE;
    double baselineMedian = Figures.median(baseline);
    double watchedMedian = Figures.median(watched);
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("baselineMedian", baselineMedian);
    numbers.put("watchedMedian", watchedMedian);
    if (sameConstant(baseline, watched)) {
      // No error before or after, or every operation succeeding, is what a broken release that
      // nobody used yet would show too: at such low traffic the samples say nothing.
      return new Finding(
          SignalVerdict.NOT_ENOUGH_DATA,
          String.format(
              "%s read %s in every sample before and after the upgrade: too little traffic to"
                  + " compare, not enough data",
              name, Figures.value(baselineMedian)),
          numbers);
    }
    double p =
        MannWhitneyUTest.withDefaults()
            .with(rate ? AlternativeHypothesis.GREATER_THAN : AlternativeHypothesis.LESS_THAN)
            .test(Figures.values(watched), Figures.values(baseline))
            .getPValue();
    // From a median of zero a relative change has no size; any rise of a rate counts as large.
    boolean fromZero = baselineMedian == 0;
    double change = fromZero ? 0 : (watchedMedian - baselineMedian) / Math.abs(baselineMedian);
    boolean large = fromZero ? rate && watchedMedian > 0 : (rate ? change : -change) >= minEffect;
    if (!fromZero) {
      numbers.put("change", change);
    }
    numbers.put("pValue", p);

    String counts = Figures.percent(rate ? minEffect : -minEffect);
    SignalVerdict verdict;
    String test;
    if (p < failP && large) {
      verdict = SignalVerdict.FAIL;
      test = Figures.p(p) + " < " + Figures.bound(failP) + ", at least " + counts + " counts";
    } else if (p < failP) {
      verdict = SignalVerdict.MARGINAL;
      test =
          Figures.p(p) + " < " + Figures.bound(failP) + ", but only " + counts + " or more counts";
    } else if (p < SignalJudge.MARGINAL_P) {
      verdict = SignalVerdict.MARGINAL;
      test = Figures.p(p) + ", not below " + Figures.bound(failP) + " yet";
    } else {
      verdict = SignalVerdict.PASS;
      test = Figures.p(p) + ", no sure " + (rate ? "rise" : "fall");
    }
    String moved =
        watchedMedian > baselineMedian
            ? "rose from a median of "
            : watchedMedian < baselineMedian ? "fell from a median of " : "kept a median of ";
    String to = watchedMedian == baselineMedian ? "" : " to " + Figures.value(watchedMedian);
    String relative =
        fromZero || watchedMedian == baselineMedian ? "" : Figures.percent(change) + ", ";
    return new Finding(
        verdict,
        String.format(
            "%s %s%s%s (%s%s): %s",
            name, moved, Figures.value(baselineMedian), to, relative, test, Figures.word(verdict)),
        numbers);
  }

  private static boolean sameConstant(List<Sample> baseline, List<Sample> watched) {
    double first = baseline.get(0).value();
    return baseline.stream().allMatch(sample -> sample.value() == first)
        && watched.stream().allMatch(sample -> sample.value() == first);
  }
}
