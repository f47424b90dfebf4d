package dev.lockstep.examples;

import dev.lockstep.examples.LoadResult.Sent;
import dev.lockstep.examples.RollTimeline.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The roll as a picture, an SVG: every request as a dot at the time it was sent and the time it
 * took, over bands shaded by what the roll was doing, with the bound a slow request is over.
 */
final class RollChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 320;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 56;
  private static final int BOTTOM = 36;
  private static final Map<String, String> BAND_COLOURS =
      Map.of(
          RollTimeline.BEFORE, "#ffffff",
          RollTimeline.STOPPING, "#e3e3e3",
          RollTimeline.STARTING, "#fde2b8",
          RollTimeline.BACK, "#cdebd0",
          RollTimeline.WORKER, "#e4d7f0",
          RollTimeline.AFTER, "#d6e6f5");
  private static final List<String> LEGEND =
      List.of(
          RollTimeline.BEFORE,
          RollTimeline.STOPPING,
          RollTimeline.STARTING,
          RollTimeline.BACK,
          RollTimeline.WORKER,
          RollTimeline.AFTER);

  private RollChart() {}

  /**
   * @param spans what the roll did, from the first request measured to the last
   * @param boundMillis the latency over which a request counts as slow
   */
  static String svg(List<Span> spans, List<Sent> requests, double boundMillis) {
    long from = spans.get(0).fromNanos();
    long to = spans.get(spans.size() - 1).toNanos();
    double seconds = Math.max(1, (to - from) / 1e9);
    double slowest = requests.stream().mapToLong(Sent::micros).max().orElse(0) / 1000.0;
    double top = niceCeiling(Math.max(slowest, boundMillis * 1.25));
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">\n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            WIDTH,
            HEIGHT));
    for (Span span : spans) {
      String colour = BAND_COLOURS.get(span.what());
      if (colour != null) {
        double x = x((span.fromNanos() - from) / 1e9, seconds);
        double width = x((span.toNanos() - from) / 1e9, seconds) - x;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                x,
                TOP,
                width,
                HEIGHT - TOP - BOTTOM,
                colour));
      }
    }
    axes(svg, seconds, top);
    for (Sent sent : requests) {
      double millis = sent.micros() / 1000.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" fill=\"%s\"/>\n",
              x((sent.atNanos() - from) / 1e9, seconds),
              y(millis, top),
              millis > boundMillis ? "#c62828" : "#37474f"));
    }
    double bound = y(boundMillis, top);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c62828\""
                + " stroke-dasharray=\"5,4\"/>\n"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#c62828\">2× the steady"
                + " p99 (%.0f ms)</text>\n",
            LEFT,
            bound,
            WIDTH - RIGHT,
            bound,
            WIDTH - RIGHT - 4,
            bound - 4,
            boundMillis));
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, double seconds, double top) {
    int bottom = HEIGHT - BOTTOM;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n",
            LEFT,
            TOP,
            LEFT,
            bottom,
            LEFT,
            bottom,
            WIDTH - RIGHT,
            bottom));
    int step = seconds > 30 ? 5 : 2;
    for (int second = 0; second <= seconds; second += step) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d s</text>\n",
              x(second, seconds),
              bottom + 14,
              second));
    }
    for (int i = 0; i <= 4; i++) {
      double millis = top * i / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f ms</text>\n",
              LEFT - 4,
              y(millis, top) + 4,
              millis));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the upgrade began</text>\n",
            (LEFT + WIDTH - RIGHT) / 2,
            HEIGHT - 6));
  }

  private static void legend(StringBuilder svg) {
    int x = LEFT;
    int row = 0;
    for (String what : LEGEND) {
      int y = 8 + row * 14;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\" stroke=\"#999\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>\n",
              x,
              y,
              BAND_COLOURS.get(what),
              x + 14,
              y + 9,
              what));
      x += 14 + what.length() * 6;
      if (x > WIDTH - 300) {
        x = LEFT;
        row++;
      }
    }
  }

  private static double x(double second, double seconds) {
    return LEFT + (WIDTH - LEFT - RIGHT) * second / seconds;
  }

  private static double y(double millis, double top) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * Math.min(millis, top) / top;
  }

  /** The next of 50, 100, 200, 250, 500 … ms at or above {@code millis}. */
  private static double niceCeiling(double millis) {
    double scale = Math.pow(10, Math.floor(Math.log10(Math.max(millis, 1))));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * scale >= millis) {
        return step * scale;
      }
    }
    return 10 * scale;
  }
}
