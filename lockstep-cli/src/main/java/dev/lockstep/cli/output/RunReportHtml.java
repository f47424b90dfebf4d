package dev.lockstep.cli.output;

import static dev.lockstep.cli.output.HtmlPage.escape;
import static dev.lockstep.cli.output.HtmlPage.fact;
import static dev.lockstep.cli.output.HtmlPage.row;

import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RollbackReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.path.JournaledPath;
import dev.lockstep.engine.watch.WatchReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run as one self-contained HTML page, readable offline: its style and its timeline (an inline
 * SVG) are in the file, and it loads nothing else and runs no script. The timeline shows each step
 * as a bar on the run's clock, the rollback's steps in another colour, and the downtime shaded.
 */
public final class RunReportHtml {
  private static final int WIDTH = 960;
  private static final int LABEL = 210;
  private static final int ROW = 24;
  private static final int TOP = 28;

  private RunReportHtml() {}

  public static String render(RunReport report) {
    return render(report, Optional.empty());
  }

  /** The run's page, followed by the watch that came after it when there is one. */
  public static String render(RunReport report, Optional<WatchReport> watch) {
    StringBuilder html =
        HtmlPage.open(
            "Lockstep " + report.kind() + " " + report.runId(),
            STYLE,
            watch.isPresent() ? WatchCharts.STYLE : "");
    header(html, "h1", capitalized(report.kind()), report);
    run(html, report);
    watch(html, watch);
    return HtmlPage.close(html, "Written by Lockstep from run " + report.runId() + ".");
  }

  /**
   * An upgrade across required stops as one page: the path and every hop in a table, then each
   * hop's run in full, in order, then the watch of the last hop when there is one.
   */
  public static String render(JournaledPath path, Optional<WatchReport> watch) {
    List<JournaledPath.Hop> hops = path.hops();
    JournaledPath.Hop last = hops.get(hops.size() - 1);
    String status = path.reachedItsEnd() ? "succeeded" : last.run().status();
    StringBuilder html =
        HtmlPage.open(
            "Lockstep upgrade " + path.from() + " → " + path.to(),
            STYLE,
            watch.isPresent() ? WatchCharts.STYLE : "");
    html.append("<h1>")
        .append(escape("Upgrade " + path.from() + " → " + path.to() + " across required stops"))
        .append(statusBadge(status))
        .append("</h1>\n<p class=\"summary\">")
        .append(escape(pathSummary(path)))
        .append("</p>\n<table class=\"hops\">\n<tr><th>hop</th><th>releases</th><th>run</th>")
        .append("<th>status</th><th>took</th><th>downtime</th></tr>\n");
    for (JournaledPath.Hop hop : hops) {
      RunReport run = hop.run();
      row(
          html,
          run.status(),
          hop.place().number() + " of " + hop.place().of(),
          run.from() + " → " + run.to(),
          run.runId(),
          run.status().replace('_', ' '),
          format(run.duration()),
          run.downtime() == null ? "none measured" : format(run.downtime()));
    }
    html.append("</table>\n");
    for (JournaledPath.Hop hop : hops) {
      header(
          html, "h2", "Hop " + hop.place().number() + " of " + hop.place().of() + ":", hop.run());
      run(html, hop.run());
    }
    watch(html, watch);
    return HtmlPage.close(
        html, "Written by Lockstep from the runs of path " + path.id() + ", its hops.");
  }

  private static String pathSummary(JournaledPath path) {
    JournaledPath.Hop last = path.hops().get(path.hops().size() - 1);
    if (path.reachedItsEnd()) {
      return path.to()
          + " is installed: "
          + path.hops().size()
          + " hops, each backed up, verified and validated on its own.";
    }
    return "The path stopped at hop "
        + last.place().number()
        + " of "
        + last.place().of()
        + " ("
        + last.run().from()
        + " → "
        + last.run().to()
        + "): "
        + last.run().summary();
  }

  /** Everything of one run below its header. */
  private static void run(StringBuilder html, RunReport report) {
    timeline(html, report);
    migrations(html, report.migrations());
    backup(html, report);
    checks(html, report.checks());
    rollback(html, report.rollback());
    if (!report.overrides().isEmpty()) {
      html.append("<h2>Overrides</h2>\n<ul class=\"overrides\">\n");
      report.overrides().forEach(o -> html.append("<li>").append(escape(o)).append("</li>\n"));
      html.append("</ul>\n");
    }
  }

  private static void watch(StringBuilder html, Optional<WatchReport> watch) {
    watch.ifPresent(
        w -> {
          html.append("<h2>Watch ").append(escape(w.watchId())).append("</h2>\n");
          WatchCharts.facts(html, w);
          WatchCharts.section(html, w);
        });
  }

  /** A status as the coloured label after a heading: " <span class="status rolled_back">…". */
  private static String statusBadge(String status) {
    return " <span class=\"status "
        + escape(status)
        + "\">"
        + escape(status.replace('_', ' '))
        + "</span>";
  }

  private static void header(StringBuilder html, String tag, String title, RunReport report) {
    String releases = report.from() == null ? report.to() : report.from() + " → " + report.to();
    html.append("<" + tag + ">")
        .append(escape(title + " " + releases))
        .append(statusBadge(report.status()))
        .append("</" + tag + ">\n<p class=\"summary\">")
        .append(escape(report.summary()))
        .append("</p>\n<dl class=\"facts\">\n");
    fact(html, "run", report.runId());
    fact(html, "environment", report.environment());
    fact(html, "started", String.valueOf(report.startedAt()));
    fact(html, "took", format(report.duration()));
    fact(html, "downtime", report.downtime() == null ? "none measured" : format(report.downtime()));
    fact(html, "exit code", String.valueOf(report.exitCode()));
    html.append("</dl>\n");
  }

  private static void timeline(StringBuilder html, RunReport report) {
    List<StepReport> steps = report.steps();
    Instant start = report.startedAt();
    Instant end = report.endedAt() == null ? lastEnd(report) : report.endedAt();
    long span = Math.max(1, Duration.between(start, end).toMillis());
    int height = TOP + steps.size() * ROW + 8;
    html.append("<h2>Timeline</h2>\n<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" aria-label=\"")
        .append(escape("the run's steps on its clock, " + format(report.duration()) + " in all"))
        .append("\">\n");
    Instant down = downtimeStart(steps);
    if (down != null && report.downtime() != null) {
      double x = x(start, down, span);
      double w = Math.max(2, report.downtime().toMillis() * (WIDTH - LABEL - 10.0) / span);
      html.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"downtime\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s"
                  + "</title></rect>\n<text class=\"downtime-label\" x=\"%.1f\" y=\"%d\">downtime"
                  + " %s</text>\n",
              x,
              TOP - 6,
              w,
              height - TOP,
              escape("downtime " + format(report.downtime())),
              x + 3,
              TOP - 10,
              escape(format(report.downtime()))));
    }
    for (int i = 0; i <= 4; i++) {
      double x = LABEL + i * (WIDTH - LABEL - 10.0) / 4;
      // The last label ends at its tick, inside the picture.
      html.append(
          String.format(
              Locale.ROOT,
              "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><text"
                  + " class=\"tick-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
              x,
              TOP - 4,
              x,
              height - 4,
              i == 4 ? x - 2 : x + 2,
              12,
              i == 4 ? "end" : "start",
              escape(format(Duration.ofMillis(span * i / 4)))));
    }
    for (int i = 0; i < steps.size(); i++) {
      StepReport step = steps.get(i);
      int y = TOP + i * ROW;
      double x = x(start, step.startedAt(), span);
      long millis = step.duration() == null ? 0 : step.duration().toMillis();
      double w = Math.max(2, millis * (WIDTH - LABEL - 10.0) / span);
      html.append(
          String.format(
              Locale.ROOT,
              "<text class=\"step-label\" x=\"4\" y=\"%d\">%s</text>\n<rect class=\"step %s %s\""
                  + " x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\"><title>%s</title>"
                  + "</rect>\n",
              y + 16,
              escape(
                  step.seq() + ". " + step.name() + (step.phase().equals("rollback") ? " ↩" : "")),
              escape(step.phase()),
              escape(step.status()),
              x,
              y + 4,
              w,
              ROW - 8,
              escape(
                  step.name()
                      + " ("
                      + step.phase()
                      + "): "
                      + step.status()
                      + ", "
                      + format(step.duration())
                      + (step.detail() == null ? "" : " — " + step.detail()))));
    }
    html.append("</svg>\n<p class=\"legend\"><span class=\"key forward\"></span> forward step")
        .append(" <span class=\"key rollback\"></span> rollback step")
        .append(" <span class=\"key failed\"></span> failed")
        .append(" <span class=\"key downtime\"></span> downtime (first service stopped → last")
        .append(" check passed)</p>\n");
    html.append("<table>\n<tr><th>#</th><th>step</th><th>phase</th><th>status</th>")
        .append("<th>took</th><th>detail</th></tr>\n");
    for (StepReport step : steps) {
      row(
          html,
          step.status(),
          String.valueOf(step.seq()),
          step.name(),
          step.phase(),
          step.status(),
          format(step.duration()),
          step.detail());
    }
    html.append("</table>\n");
  }

  private static void migrations(StringBuilder html, List<MigrationReport> migrations) {
    html.append("<h2>Migrations</h2>\n");
    if (migrations.isEmpty()) {
      html.append("<p>None applied.</p>\n");
      return;
    }
    html.append("<table>\n<tr><th>version</th><th>description</th><th>class</th></tr>\n");
    for (MigrationReport migration : migrations) {
      row(html, migration.type(), migration.version(), migration.description(), migration.type());
    }
    html.append("</table>\n");
    if (migrations.stream().anyMatch(m -> !"expand".equals(m.type()))) {
      html.append(
          "<p class=\"warning\">A contract migration ran: from then on, going back means"
              + " restoring the database, and what was written since is lost.</p>\n");
    }
  }

  private static void backup(StringBuilder html, RunReport report) {
    html.append("<h2>Backup</h2>\n");
    if (report.backupId() == null) {
      html.append("<p>No backup was taken by this run.</p>\n");
      return;
    }
    String verification =
        report.steps().stream()
            .filter(s -> s.name().equals("verify-backup"))
            .map(s -> s.status() + ": " + (s.detail() == null ? "" : s.detail()))
            .findFirst()
            .orElse("not verified by this run");
    html.append("<dl class=\"facts\">\n");
    fact(html, "backup", report.backupId());
    fact(html, "verification", verification);
    html.append("</dl>\n");
  }

  private static void checks(StringBuilder html, List<CheckResult> checks) {
    html.append("<h2>Checks</h2>\n");
    if (checks.isEmpty()) {
      html.append("<p>None ran.</p>\n");
      return;
    }
    html.append("<table>\n<tr><th>check</th><th>result</th><th>attempts</th><th>took</th>")
        .append("<th>message</th></tr>\n");
    for (CheckResult check : checks) {
      row(
          html,
          check.passed() ? "passed" : "failed",
          check.name(),
          check.passed() ? "passed" : "failed",
          String.valueOf(check.attempts()),
          format(check.duration()),
          check.message());
    }
    html.append("</table>\n");
  }

  private static void rollback(StringBuilder html, RollbackReport rollback) {
    if (rollback == null) {
      return;
    }
    html.append("<h2>Rollback</h2>\n<dl class=\"facts\">\n");
    fact(html, "strategy", rollback.strategy());
    fact(html, "what it did", rollback.description());
    fact(html, "why", rollback.reason());
    fact(
        html,
        "restored from",
        rollback.restoredFrom() == null ? "nothing restored" : rollback.restoredFrom());
    fact(
        html,
        "data-loss window",
        rollback.dataLossWindow() == null ? "none" : format(rollback.dataLossWindow()));
    fact(html, "took", format(rollback.duration()));
    html.append("</dl>\n");
  }

  private static Instant downtimeStart(List<StepReport> steps) {
    return steps.stream()
        .filter(s -> s.name().equals("stop-services") || s.name().startsWith("roll "))
        .map(StepReport::startedAt)
        .findFirst()
        .orElse(null);
  }

  private static Instant lastEnd(RunReport report) {
    return report.steps().stream()
        .map(s -> s.startedAt().plus(s.duration() == null ? Duration.ZERO : s.duration()))
        .max(Instant::compareTo)
        .orElse(report.startedAt().plusMillis(1));
  }

  private static double x(Instant start, Instant at, long span) {
    long offset = at == null ? 0 : Math.max(0, Duration.between(start, at).toMillis());
    return LABEL + Math.min(span, offset) * (WIDTH - LABEL - 10.0) / span;
  }

  private static String format(Duration duration) {
    return duration == null ? "-" : Durations.format(duration);
  }

  private static String capitalized(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /**
   * The page's style sheet, the common one and the run's own, for pages that should look like it.
   */
  public static String style() {
    return HtmlPage.style() + STYLE;
  }

  /** Text for HTML content and attribute values. */
  public static String escape(String text) {
    return HtmlPage.escape(text);
  }

  private static final String STYLE =
      """
      .status.succeeded { background: #dcfce7; color: #166534; }
      .status.rolled_back { background: #fef3c7; color: #92400e; }
      .status.failed, .status.needs_operator { background: #fee2e2; color: #991b1b; }
      tr.failed td, tr.contract td { color: #991b1b; }
      svg.timeline { display: block; background: #fafafa; border: 1px solid #e5e7eb; }
      svg .step.forward { fill: #3b82f6; } svg .step.rollback { fill: #f59e0b; }
      svg .step.failed { fill: #dc2626; } svg .downtime { fill: #fecaca; opacity: 0.6; }
      svg .step-label, svg .tick-label, svg .downtime-label { font: 12px system-ui, sans-serif; fill: #374151; }
      svg .tick { stroke: #e5e7eb; }
      .key.forward { background: #3b82f6; } .key.rollback { background: #f59e0b; }
      .key.failed { background: #dc2626; } .key.downtime { background: #fecaca; }
      """;
}
