package dev.lockstep.engine.watch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a level stays under its bound: the median of its latest samples must be under it. One
 * sample over the bound is a spike and only marginal; the median over it means the level is there.
 */
final class BoundCheck {

  private BoundCheck() {}

  static Finding judge(String name, double max, List<Sample> baseline, List<Sample> watched) {
    List<Sample> latest =
        watched.subList(Math.max(0, watched.size() - SignalJudge.LEVEL_WINDOW), watched.size());
    double median = Figures.median(latest);
    long over = latest.stream().filter(sample -> sample.value() > max).count();
    double highest = latest.stream().mapToDouble(Sample::value).max().orElseThrow();

    Map<String, Double> numbers = new LinkedHashMap<>();
    String before = "";
    if (!baseline.isEmpty()) {
      double baselineMedian = Figures.median(baseline);
      numbers.put("baselineMedian", baselineMedian);
      before = ", " + Figures.value(baselineMedian) + " before the upgrade";
    }
    numbers.put("watchedMedian", median);
    if (numbers.containsKey("baselineMedian") && numbers.get("baselineMedian") != 0) {
      double baselineMedian = numbers.get("baselineMedian");
      numbers.put("change", (median - baselineMedian) / Math.abs(baselineMedian));
    }
    numbers.put("max", max);
    numbers.put("overMax", (double) over);

    SignalVerdict verdict =
        median > max ? SignalVerdict.FAIL : over > 0 ? SignalVerdict.MARGINAL : SignalVerdict.PASS;
    String reason =
        String.format(
            "%s has a median of %s over its latest %d samples%s, %s its bound of %s (%d of %d"
                + " over it, highest %s): %s",
            name,
            Figures.value(median),
            latest.size(),
            before,
            median > max ? "over" : "under",
            Figures.value(max),
            over,
            latest.size(),
            Figures.value(highest),
            Figures.word(verdict));
    return new Finding(verdict, reason, numbers);
  }
}
