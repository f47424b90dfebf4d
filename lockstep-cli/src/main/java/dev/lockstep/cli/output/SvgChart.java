package dev.lockstep.cli.output;

import static dev.lockstep.cli.output.HtmlPage.escape;

import dev.lockstep.engine.watch.Sample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One inline SVG chart of values over time: a plot area with time and value axes, and lines, bands
 * and markers placed by instant and value. Its scale is chosen once, from everything that will be
 * drawn, so nothing falls outside the plot. Every text it writes is escaped.
 */
final class SvgChart {
  static final int WIDTH = 960;
  static final int HEIGHT = 250;
  private static final int LEFT = 76;
  private static final int RIGHT = 16;
  private static final int TOP = 26;
  private static final int BOTTOM = 28;
  private static final List<Duration> TIME_STEPS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1),
          Duration.ofDays(2),
          Duration.ofDays(7));
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_CLOCK =
      DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final StringBuilder svg = new StringBuilder();
  private final long from;
  private final long span;
  private final double lo;
  private final double hi;
  private final double step;
  private final Units units;

  /**
   * @param from the left edge
   * @param to the right edge
   * @param min the smallest value drawn
   * @param max the largest value drawn
   */
  SvgChart(Instant from, Instant to, double min, double max, Units units, String label) {
    this.from = from.toEpochMilli();
    this.span = Math.max(1, to.toEpochMilli() - this.from);
    this.units = units;
    if (max - min < 1e-12) {
      double pad = Math.abs(max) < 1e-12 ? 1 : Math.abs(max) * 0.1;
      min -= pad;
      max += pad;
    }
    // Rates, lags and sizes read best from zero when zero is near; a ratio near 100% does not.
    if (min >= 0 && min < max - min) {
      min = 0;
    }
    this.step = niceStep((max - min) / 5);
    this.lo = Math.floor(min / step) * step;
    this.hi = Math.ceil(max / step) * step;
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " aria-label=\"%s\">\n<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\""
                + " height=\"%d\"/>\n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            escape(label),
            LEFT,
            TOP,
            WIDTH - LEFT - RIGHT,
            HEIGHT - TOP - BOTTOM));
    valueAxis();
    timeAxis();
  }

  double x(Instant at) {
    long offset = Math.max(0, Math.min(span, at.toEpochMilli() - from));
    return LEFT + offset * (WIDTH - LEFT - RIGHT) / (double) span;
  }

  double y(double value) {
    double clamped = Math.max(lo, Math.min(hi, value));
    return HEIGHT - BOTTOM - (clamped - lo) * (HEIGHT - TOP - BOTTOM) / (hi - lo);
  }

  /** The samples joined by a line, one point each. */
  void line(String cssClass, List<Sample> samples, String title) {
    String points =
        samples.stream()
            .map(s -> String.format(Locale.ROOT, "%.1f,%.1f", x(s.at()), y(s.value())))
            .collect(Collectors.joining(" "));
    svg.append("<polyline class=\"")
        .append(escape(cssClass))
        .append("\" points=\"")
        .append(points)
        .append("\"><title>")
        .append(escape(title))
        .append("</title></polyline>\n");
  }

  /** A straight line between two points of the chart. */
  void segment(String cssClass, Instant x1, double y1, Instant x2, double y2, String title) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"><title>%s</title>"
                + "</line>\n",
            escape(cssClass),
            x(x1),
            y(y1),
            x(x2),
            y(y2),
            escape(title)));
  }

  /** A line across the whole plot at a value, labelled at its right end. */
  void level(String cssClass, double value, String label) {
    double y = y(value);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"><title>%s</title></line>"
                + "\n<text class=\"%s-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
            escape(cssClass),
            LEFT,
            y,
            WIDTH - RIGHT,
            y,
            escape(label),
            escape(cssClass),
            WIDTH - RIGHT - 4,
            y - 4,
            escape(label)));
  }

  /** A line down the whole plot at an instant, labelled above the plot. */
  void moment(String cssClass, Instant at, String label, String title) {
    double x = x(at);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"><title>%s</title></line>"
                + "\n<text class=\"%s-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
            escape(cssClass),
            x,
            TOP,
            x,
            HEIGHT - BOTTOM,
            escape(title),
            escape(cssClass),
            x > WIDTH - 160 ? x - 3 : x + 3,
            TOP - 14,
            x > WIDTH - 160 ? "end" : "start",
            escape(label)));
  }

  /** A band across the whole plot between two values. */
  void band(String cssClass, double low, double high, String title) {
    rect(cssClass, LEFT, y(high), WIDTH - LEFT - RIGHT, Math.max(1, y(low) - y(high)), title);
  }

  /** A band down the whole plot between two instants. */
  void span(String cssClass, Instant start, Instant end, String title) {
    double x = x(start);
    rect(cssClass, x, TOP, Math.max(0, x(end) - x), HEIGHT - TOP - BOTTOM, title);
  }

  /** A small triangle on the plot's top edge. */
  void marker(String cssClass, Instant at, String title) {
    double x = x(at);
    svg.append(
        String.format(
            Locale.ROOT,
            "<path class=\"%s\" d=\"M%.1f %d l-5 -8 h10 z\"><title>%s</title></path>\n",
            escape(cssClass),
            x,
            TOP,
            escape(title)));
  }

  String end() {
    return svg.append("</svg>\n").toString();
  }

  private void rect(String cssClass, double x, double y, double w, double h, String title) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s"
                + "</title></rect>\n",
            escape(cssClass),
            x,
            y,
            w,
            h,
            escape(title)));
  }

  private void valueAxis() {
    for (int i = 0; lo + i * step <= hi + step / 1e6; i++) {
      double value = lo + i * step;
      double y = y(value);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text"
                  + " class=\"axis-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              escape(units.format(value, step))));
    }
  }

  private void timeAxis() {
    long stepMillis =
        TIME_STEPS.stream()
            .mapToLong(Duration::toMillis)
            .filter(millis -> span / millis <= 8)
            .findFirst()
            .orElse(TIME_STEPS.get(TIME_STEPS.size() - 1).toMillis());
    DateTimeFormatter format = span > Duration.ofDays(1).toMillis() ? DAY_CLOCK : CLOCK;
    for (long tick = Math.floorDiv(from, stepMillis) * stepMillis + stepMillis;
        tick <= from + span;
        tick += stepMillis) {
      double x = x(Instant.ofEpochMilli(tick));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><text"
                  + " class=\"axis-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              x,
              TOP,
              x,
              HEIGHT - BOTTOM,
              x,
              HEIGHT - BOTTOM + 16,
              escape(format.format(Instant.ofEpochMilli(tick)))));
    }
  }

  /** 1, 2 or 5 times a power of ten, the smallest at least {@code raw}. */
  private static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  }

  /**
   * How one signal's values read: a share as a percentage, a rate per second, large values in k, M
   * or G.
   *
   * @param divisor what a value is divided by before it is written
   * @param suffix what follows the number
   */
  record Units(double divisor, String suffix) {
    static Units of(boolean share, boolean perSecond, double largest) {
      if (share) {
        return new Units(0.01, "%");
      }
      String per = perSecond ? "/s" : "";
      double magnitude = Math.abs(largest);
      if (magnitude >= 1e9) {
        return new Units(1e9, "G" + per);
      }
      if (magnitude >= 1e6) {
        return new Units(1e6, "M" + per);
      }
      if (magnitude >= 1e4) {
        return new Units(1e3, "k" + per);
      }
      return new Units(1, per);
    }

    /** The value with as many decimals as {@code step} needs; three significant digits for 0. */
    String format(double value, double step) {
      double scaled = value / divisor;
      int decimals;
      if (step > 0) {
        decimals = (int) Math.ceil(-Math.log10(step / divisor) - 1e-9);
      } else {
        decimals = scaled == 0 ? 0 : 2 - (int) Math.floor(Math.log10(Math.abs(scaled)));
      }
      decimals = Math.max(0, Math.min(6, decimals));
      return String.format(Locale.ROOT, "%." + decimals + "f", scaled) + suffix;
    }
  }
}
