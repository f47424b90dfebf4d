package dev.lockstep.cli.output;

import static dev.lockstep.cli.output.HtmlPage.escape;
import static dev.lockstep.cli.output.HtmlPage.fact;
import static dev.lockstep.cli.output.HtmlPage.row;

import dev.lockstep.cli.output.SvgChart.Units;
import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.journal.WatchEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A watch drawn into a page: its facts, a table of verdicts, and for each signal a chart of its
 * baseline and of what it read since the upgrade, against the baseline's median and interquartile
 * range. Both the watch's page and a run's page use it. Signal URLs are shown by host only: a path
 * or a query may hold a token.
 */
final class WatchCharts {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private WatchCharts() {}

  static void facts(StringBuilder html, WatchReport watch) {
    html.append("<dl class=\"facts\">\n");
    fact(html, "watch", watch.watchId());
    fact(html, "after run", watch.runId());
    fact(html, "release", watch.release());
    fact(
        html,
        "from",
        watch.previousRelease() == null ? "a first install" : watch.previousRelease());
    fact(html, "status", word(watch.status().name()));
    fact(html, "started", time(watch.startedAt()));
    fact(html, "planned end", time(watch.plannedEnd()));
    fact(html, "ended", watch.endedAt().map(WatchCharts::time).orElse("still watching"));
    fact(
        html,
        "point of no return",
        watch
            .pointOfNoReturn()
            .map(at -> time(at) + ": a contract migration ran, a rollback now means a restore")
            .orElse("none: a rollback is still a revert of the services"));
    html.append("</dl>\n");
  }

  static void section(StringBuilder html, WatchReport watch) {
    watch
        .pointOfNoReturn()
        .ifPresent(
            at ->
                html.append("<p class=\"warning\">")
                    .append(
                        escape(
                            "A contract migration ran at "
                                + time(at)
                                + ": from then on, going back means restoring the database, and"
                                + " what was written since the backup is lost."))
                    .append("</p>\n"));
    verdicts(html, watch.signals());
    html.append("<h2>Signals</h2>\n");
    legend(html);
    for (SignalTrace trace : watch.signals()) {
      chart(html, watch, trace);
    }
    events(html, watch.events());
  }

  private static void verdicts(StringBuilder html, List<SignalTrace> traces) {
    html.append("<h2>Verdicts</h2>\n<table class=\"verdicts\">\n<tr><th>signal</th>")
        .append("<th>source</th><th>kind and rule</th><th>verdict</th><th>reason</th>")
        .append("<th>numbers</th></tr>\n");
    for (SignalTrace trace : traces) {
      SignalConfig signal = trace.signal();
      Judgement judgement = trace.judgement();
      String verdict = judgement == null ? "not judged yet" : word(judgement.verdict().name());
      row(
          html,
          judgement == null ? "unjudged" : judgement.verdict().name().toLowerCase(Locale.ROOT),
          signal.name(),
          SignalSourceText.describe(signal.source()),
          signal.kind().word() + ": " + signal.kind().rule(),
          verdict,
          judgement == null ? "" : judgement.reason(),
          judgement == null ? "" : numbers(judgement, SignalChart.units(trace)));
    }
    html.append("</table>\n");
  }

  private static void chart(StringBuilder html, WatchReport watch, SignalTrace trace) {
    SignalConfig signal = trace.signal();
    Judgement judgement = trace.judgement();
    html.append("<h3>")
        .append(escape(signal.name()))
        .append(" <span class=\"verdict ")
        .append(
            escape(
                judgement == null
                    ? "unjudged"
                    : judgement.verdict().name().toLowerCase(Locale.ROOT)))
        .append("\">")
        .append(escape(judgement == null ? "not judged yet" : word(judgement.verdict().name())))
        .append("</span></h3>\n");
    SignalChart.draw(html, watch, trace);
  }

  private static void legend(StringBuilder html) {
    html.append("<p class=\"legend\"><span class=\"key baseline\"></span> baseline")
        .append(" <span class=\"key watched\"></span> since the upgrade")
        .append(" <span class=\"key band\"></span> baseline interquartile range, median dashed")
        .append(" <span class=\"key bound\"></span> bound of a level")
        .append(" <span class=\"key trend\"></span> trend")
        .append(" <span class=\"key point-of-no-return\"></span> point of no return")
        .append(" <span class=\"key event\"></span> event. Times are UTC.</p>\n");
  }

  private static void events(StringBuilder html, List<WatchEvent> events) {
    html.append("<h2>Events</h2>\n");
    if (events.isEmpty()) {
      html.append("<p>None.</p>\n");
      return;
    }
    html.append("<table class=\"events\">\n<tr><th>at</th><th>what</th></tr>\n");
    events.forEach(event -> row(html, "event", time(event.at()), event.what()));
    html.append("</table>\n");
  }

  private static String numbers(Judgement judgement, Units units) {
    return judgement.numbers().entrySet().stream()
        .map(number -> number.getKey() + " " + number(number, units))
        .collect(Collectors.joining(", "));
  }

  /** In the signal's units when it is one of its values, else plainly. */
  private static String number(Map.Entry<String, Double> number, Units units) {
    String name = number.getKey().toLowerCase(Locale.ROOT);
    double value = number.getValue();
    if (name.contains("slope")) {
      return units.format(value, 0) + "/h";
    }
    if (name.contains("median") || name.contains("mean") || name.contains("level")) {
      return units.format(value, 0);
    }
    return new Units(1, "").format(value, 0);
  }

  static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  private static String word(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static final String STYLE =
      """
      .status.watching { background: #dbeafe; color: #1e40af; }
      .status.passed { background: #dcfce7; color: #166534; }
      .status.failed { background: #fee2e2; color: #991b1b; }
      .status.reverted { background: #fef3c7; color: #92400e; }
      .verdict { font-size: 12px; font-weight: normal; padding: 1px 6px; border-radius: 8px; background: #e5e7eb; }
      .verdict.pass { background: #dcfce7; color: #166534; }
      .verdict.marginal { background: #fef3c7; color: #92400e; }
      .verdict.fail { background: #fee2e2; color: #991b1b; }
      tr.fail td { color: #991b1b; } tr.marginal td { color: #92400e; }
      svg.chart { display: block; background: #fff; border: 1px solid #e5e7eb; margin-bottom: 8px; }
      svg.chart .plot { fill: #fafafa; }
      svg.chart .grid { stroke: #eceef1; }
      svg.chart text { font: 11px system-ui, sans-serif; fill: #4b5563; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
      svg.chart .baseline { fill: none; stroke: #9ca3af; stroke-width: 1.5; }
      svg.chart .watched { fill: none; stroke: #2563eb; stroke-width: 1.5; }
      svg.chart .band { fill: #9ca3af; opacity: 0.18; }
      svg.chart .median { stroke: #6b7280; stroke-dasharray: 4 3; }
      svg.chart .bound { stroke: #dc2626; stroke-dasharray: 6 3; stroke-width: 1.5; }
      svg.chart .bound-label { fill: #dc2626; }
      svg.chart .trend { stroke: #9333ea; stroke-dasharray: 6 3; stroke-width: 2; }
      svg.chart .upgrade { stroke: #111827; stroke-width: 1.5; }
      svg.chart .upgrade-gap { fill: #e5e7eb; opacity: 0.7; }
      svg.chart .point-of-no-return { stroke: #991b1b; stroke-width: 2; }
      svg.chart .point-of-no-return-label { fill: #991b1b; font-weight: 600; }
      svg.chart .event { fill: #f59e0b; stroke: #92400e; }
      .key.baseline { background: #9ca3af; } .key.watched { background: #2563eb; }
      .key.band { background: #e5e7eb; } .key.bound { background: #dc2626; }
      .key.trend { background: #9333ea; } .key.point-of-no-return { background: #991b1b; }
      .key.event { background: #f59e0b; }
      """;
}
