package dev.lockstep.engine.watch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Whether a level keeps growing since the upgrade: the least-squares slope of the watched samples
 * against time in hours, with a t-based confidence interval, compared with a growth of the minimum
 * effect times the baseline median per hour.
 *
 * <p>The interval assumes independent noise around the line. A level that saws up and down (a heap
 * between collections) breaks that over short spans, which is why a trend needs {@value
 * SignalJudge#MIN_TREND_WATCHED} samples and a minimum growth, not only a sure one.
 */
final class TrendTest {

  private TrendTest() {}

  static Finding judge(
      String name, double minEffect, double failP, List<Sample> baseline, List<Sample> watched) {
    int n = watched.size();
    double[] hours = new double[n];
    double[] values = Figures.values(watched);
    for (int i = 0; i < n; i++) {
      hours[i] =
          Duration.between(watched.get(0).at(), watched.get(i).at()).toMillis() / 3_600_000.0;
    }
    double meanHours = Mean.of(hours).getAsDouble();
    double meanValue = Mean.of(values).getAsDouble();
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (hours[i] - meanHours) * (hours[i] - meanHours);
      sxy += (hours[i] - meanHours) * (values[i] - meanValue);
    }
    double baselineMedian = Figures.median(baseline);
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("baselineMedian", baselineMedian);
    numbers.put("watchedMedian", Figures.median(watched));
    if (sxx == 0) {
      return new Finding(
          SignalVerdict.NOT_ENOUGH_DATA,
          name + "'s watched samples were all taken at one instant: not enough data",
          numbers);
    }
    double slope = sxy / sxx;
    double intercept = meanValue - slope * meanHours;
    double squaredResiduals = 0;
    for (int i = 0; i < n; i++) {
      double residual = values[i] - (intercept + slope * hours[i]);
      squaredResiduals += residual * residual;
    }
    double standardError = Math.sqrt(squaredResiduals / (n - 2) / sxx);
    TDistribution t = TDistribution.of(n - 2);
    double p =
        standardError == 0 ? (slope > 0 ? 0 : 1) : t.survivalProbability(slope / standardError);
    // A two-sided interval at 1 - 2 failP: its lower end is the one-sided bound failP tests.
    double margin = t.inverseSurvivalProbability(failP) * standardError;
    double needed = minEffect * Math.abs(baselineMedian);
    if (baselineMedian != 0) {
      numbers.put("change", slope / Math.abs(baselineMedian));
    }
    numbers.put("pValue", p);
    numbers.put("slopePerHour", slope);
    numbers.put("slopeLow", slope - margin);
    numbers.put("slopeHigh", slope + margin);

    String counts = Figures.value(needed) + " per hour (" + Figures.percent(minEffect) + "/h)";
    SignalVerdict verdict;
    String test;
    if (p < failP && slope >= needed) {
      verdict = SignalVerdict.FAIL;
      test = Figures.p(p) + " < " + Figures.bound(failP) + ", at least " + counts + " counts";
    } else if (p < failP) {
      verdict = SignalVerdict.MARGINAL;
      test =
          Figures.p(p)
              + " < "
              + Figures.bound(failP)
              + ", but under the "
              + counts
              + " that counts";
    } else if (p < SignalJudge.MARGINAL_P) {
      verdict = SignalVerdict.MARGINAL;
      test = Figures.p(p) + ", not below " + Figures.bound(failP) + " yet";
    } else {
      verdict = SignalVerdict.PASS;
      test = Figures.p(p) + ", no sure growth";
    }
    String relative =
        baselineMedian == 0
            ? ""
            : ", "
                + Figures.percent(slope / Math.abs(baselineMedian))
                + "/h of the baseline "
                + Figures.value(baselineMedian);
    return new Finding(
        verdict,
        String.format(
            "%s %s by %s per hour over %d samples (%s to %s at %s%s; %s): %s",
            name,
            slope > 0 ? "grew" : "shrank",
            Figures.value(Math.abs(slope)),
            n,
            Figures.value(slope - margin),
            Figures.value(slope + margin),
            Figures.confidence(1 - 2 * failP),
            relative,
            test,
            Figures.word(verdict)),
        numbers);
  }
}
