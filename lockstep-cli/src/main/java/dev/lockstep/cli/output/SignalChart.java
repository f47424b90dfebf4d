package dev.lockstep.cli.output;

import dev.lockstep.cli.output.SvgChart.Units;
import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.Sample;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.journal.WatchEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One watched signal as an inline SVG chart: its baseline and what it read since the upgrade, the
 * baseline's median and interquartile range, a level's bound, a trend's judged slope, the upgrade,
 * the point of no return and the watch's events, on one clock.
 */
final class SignalChart {

  private SignalChart() {}

  static void draw(StringBuilder html, WatchReport watch, SignalTrace trace) {
    SignalConfig signal = trace.signal();
    Judgement judgement = trace.judgement();
    List<Sample> samples =
        Stream.concat(trace.baseline().stream(), trace.watched().stream()).toList();
    if (samples.isEmpty()) {
      html.append("<p>No samples yet.</p>\n");
      return;
    }
    Units units = units(trace);
    double[] quartiles = quartiles(trace.baseline());
    Double slope = judgement == null ? null : judgement.numbers().get("slopePerHour");
    Trend trend =
        slope == null || trace.watched().size() < 2 ? null : Trend.of(trace.watched(), slope);

    List<Double> values = new ArrayList<>(samples.stream().map(Sample::value).toList());
    if (quartiles != null) {
      values.add(quartiles[0]);
      values.add(quartiles[2]);
    }
    if (signal.kind() == SignalKind.LEVEL && signal.max() != null) {
      values.add(signal.max());
    }
    if (trend != null) {
      values.add(trend.startValue());
      values.add(trend.endValue());
    }
    List<Instant> instants = new ArrayList<>(samples.stream().map(Sample::at).toList());
    instants.add(watch.startedAt());
    watch.endedAt().ifPresent(instants::add);
    watch.pointOfNoReturn().ifPresent(instants::add);
    watch.events().forEach(event -> instants.add(event.at()));

    SvgChart chart =
        new SvgChart(
            instants.stream().min(Instant::compareTo).orElseThrow(),
            instants.stream().max(Instant::compareTo).orElseThrow(),
            values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
            values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
            units,
            signal.name()
                + ": "
                + trace.baseline().size()
                + " baseline samples, "
                + trace.watched().size()
                + " since the upgrade");
    if (!trace.baseline().isEmpty()) {
      Instant lastBaseline = trace.baseline().get(trace.baseline().size() - 1).at();
      if (lastBaseline.isBefore(watch.startedAt())) {
        chart.span("upgrade-gap", lastBaseline, watch.startedAt(), "the upgrade: no samples");
      }
    }
    if (quartiles != null) {
      String spread =
          "baseline median "
              + units.format(quartiles[1], 0)
              + ", interquartile range "
              + units.format(quartiles[0], 0)
              + " to "
              + units.format(quartiles[2], 0);
      chart.band("band", quartiles[0], quartiles[2], spread);
      chart.level("median", quartiles[1], "baseline median " + units.format(quartiles[1], 0));
    }
    if (signal.kind() == SignalKind.LEVEL && signal.max() != null) {
      chart.level("bound", signal.max(), "bound " + units.format(signal.max(), 0));
    }
    if (!trace.baseline().isEmpty()) {
      chart.line("baseline", trace.baseline(), "baseline, before the upgrade");
    }
    if (!trace.watched().isEmpty()) {
      chart.line("watched", trace.watched(), "since the upgrade to " + watch.release());
    }
    if (trend != null) {
      chart.segment(
          "trend",
          trend.start(),
          trend.startValue(),
          trend.end(),
          trend.endValue(),
          "trend " + (slope >= 0 ? "+" : "") + units.format(slope, 0) + " an hour");
    }
    chart.moment(
        "upgrade",
        watch.startedAt(),
        "upgraded to " + watch.release(),
        "upgraded to "
            + watch.release()
            + ", watch started "
            + WatchCharts.time(watch.startedAt()));
    watch
        .pointOfNoReturn()
        .ifPresent(
            at ->
                chart.moment(
                    "point-of-no-return",
                    at,
                    "contract migration: restore only",
                    WatchCharts.time(at)
                        + ": a contract migration ran, a rollback now means a restore"));
    for (WatchEvent event : watch.events()) {
      chart.marker("event", event.at(), WatchCharts.time(event.at()) + ": " + event.what());
    }
    html.append(chart.end());
  }

  /** The units the signal's values are drawn and written in. */
  static Units units(SignalTrace trace) {
    List<Sample> samples =
        Stream.concat(trace.baseline().stream(), trace.watched().stream()).toList();
    double largest = samples.stream().mapToDouble(s -> Math.abs(s.value())).max().orElse(0);
    boolean share =
        trace.signal().kind() == SignalKind.RATIO
            && samples.stream().allMatch(s -> s.value() >= 0 && s.value() <= 1);
    return Units.of(share, trace.signal().kind() == SignalKind.RATE, largest);
  }

  /** The first quartile, the median and the third quartile; null without samples. */
  private static double[] quartiles(List<Sample> samples) {
    if (samples.isEmpty()) {
      return null;
    }
    double[] sorted = samples.stream().mapToDouble(Sample::value).sorted().toArray();
    return new double[] {quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)};
  }

  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  /**
   * The judged slope drawn through the samples since the upgrade: a least-squares line passes
   * through their mean time and mean value, so the slope alone is enough to place it.
   */
  private record Trend(Instant start, double startValue, Instant end, double endValue) {
    static Trend of(List<Sample> watched, double slopePerHour) {
      double meanMillis =
          watched.stream().mapToLong(s -> s.at().toEpochMilli()).average().orElseThrow();
      double meanValue = watched.stream().mapToDouble(Sample::value).average().orElseThrow();
      Instant start = watched.get(0).at();
      Instant end = watched.get(watched.size() - 1).at();
      return new Trend(
          start,
          meanValue + slopePerHour * (start.toEpochMilli() - meanMillis) / 3_600_000.0,
          end,
          meanValue + slopePerHour * (end.toEpochMilli() - meanMillis) / 3_600_000.0);
    }
  }
}
