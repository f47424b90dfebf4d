package dev.lockstep.cli.output;

import static dev.lockstep.cli.output.HtmlPage.escape;

import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.SignalVerdict;
import dev.lockstep.engine.watch.WatchReport;
import java.util.Locale;

/**
 * A watch after an upgrade as one self-contained HTML page, readable offline: its style and its
 * charts (inline SVG) are in the file, and it loads nothing else and runs no script. Each signal's
 * chart shows its baseline and what it read since the upgrade, against the baseline's spread.
 */
public final class WatchReportHtml {
  private WatchReportHtml() {}

  public static String render(WatchReport watch) {
    StringBuilder html = HtmlPage.open("Lockstep watch " + watch.watchId(), WatchCharts.STYLE);
    String releases =
        watch.previousRelease() == null
            ? watch.release()
            : watch.previousRelease() + " → " + watch.release();
    String status = watch.status().name().toLowerCase(Locale.ROOT);
    html.append("<h1>")
        .append(escape("Watch of " + releases))
        .append(" <span class=\"status ")
        .append(escape(status))
        .append("\">")
        .append(escape(status))
        .append("</span></h1>\n<p class=\"summary\">")
        .append(escape(summary(watch)))
        .append("</p>\n");
    WatchCharts.facts(html, watch);
    WatchCharts.section(html, watch);
    return HtmlPage.close(
        html,
        "Written by Lockstep from watch " + watch.watchId() + " of run " + watch.runId() + ".");
  }

  /** The watch's own style sheet (statuses, verdicts, charts), for pages that show a watch. */
  public static String style() {
    return WatchCharts.STYLE;
  }

  private static String summary(WatchReport watch) {
    long failed = count(watch, SignalVerdict.FAIL);
    long marginal = count(watch, SignalVerdict.MARGINAL);
    return watch.signals().size()
        + (watch.signals().size() == 1 ? " signal" : " signals")
        + " watched: "
        + failed
        + " failed, "
        + marginal
        + " marginal, "
        + count(watch, SignalVerdict.PASS)
        + " passed.";
  }

  private static long count(WatchReport watch, SignalVerdict verdict) {
    return watch.signals().stream()
        .map(SignalTrace::judgement)
        .filter(judgement -> judgement != null && judgement.verdict() == verdict)
        .count();
  }
}
