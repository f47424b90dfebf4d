package dev.lockstep.cli.serve;

import static dev.lockstep.cli.output.RunReportHtml.escape;

import dev.lockstep.backup.BackupSummary;
import dev.lockstep.cli.output.RunReportHtml;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.LiveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The HTML pages of {@code lockstep serve}: the status and the runs, one run (the report page of
 * {@code lockstep report}), the backups. Their style and scripts are inline, under the nonce of the
 * response's Content-Security-Policy; they load nothing from anywhere else.
 */
final class StatePages {
  private static final String NAV =
      "<nav><a href=\"/\">Status and runs</a> · <a href=\"/live\">Run in progress</a> · <a"
          + " href=\"/backups\">Backups</a></nav>\n";

  private StatePages() {}

  static String home(LiveStatus status, List<RunReport> runs, String nonce) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Lockstep: ").append(escape(status.environment())).append("</h1>\n");
    body.append("<dl class=\"facts\">\n");
    fact(body, "installed", status.installed() == null ? "nothing yet" : status.installed());
    if (status.installedBy() != null) {
      fact(body, "installed by run", status.installedBy());
      fact(body, "since", String.valueOf(status.installedSince()));
    }
    body.append("</dl>\n");
    if (status.running() != null) {
      body.append("<p class=\"warning\" id=\"in-progress\">Run ")
          .append(escape(status.running().run().runId()))
          .append(" is in progress: <a href=\"/live\">follow it live</a>.</p>\n");
    }
    body.append("<h2>Runs</h2>\n");
    if (runs.isEmpty()) {
      body.append("<p>No run is recorded yet.</p>\n");
    } else {
      body.append("<table id=\"runs\">\n<tr><th>run</th><th>kind</th><th>releases</th>")
          .append("<th>status</th><th>started</th><th>took</th></tr>\n");
      for (RunReport run : runs) {
        body.append("<tr class=\"")
            .append(escape(run.status()))
            .append("\"><td><a href=\"/runs/")
            .append(escape(run.runId()))
            .append("\">")
            .append(escape(run.runId()))
            .append("</a></td>");
        cells(
            body,
            run.kind(),
            run.from() == null ? run.to() : run.from() + " → " + run.to(),
            run.status().replace('_', ' '),
            String.valueOf(run.startedAt()),
            run.duration() == null ? "" : Durations.format(run.duration()));
        body.append("</tr>\n");
      }
      body.append("</table>\n");
    }
    return page("Lockstep " + status.environment(), body.toString(), nonce);
  }

  static String backups(List<BackupSummary> backups, Instant now, String nonce) {
    StringBuilder body = new StringBuilder("<h1>Backups</h1>\n");
    if (backups.isEmpty()) {
      body.append("<p>No backup yet.</p>\n");
    } else {
      body.append("<table id=\"backups\">\n<tr><th>backup</th><th>age</th><th>release</th>")
          .append("<th>run</th><th>purpose</th><th>size</th><th>stores</th><th>verified</th>")
          .append("</tr>\n");
      for (BackupSummary backup : backups) {
        body.append("<tr class=\"").append(backup.verified() ? "verified" : "unverified");
        body.append("\">");
        cells(
            body,
            backup.id(),
            age(Duration.between(backup.createdAt(), now)),
            backup.release(),
            backup.runId(),
            String.valueOf(backup.purpose()).toLowerCase(java.util.Locale.ROOT),
            bytes(backup.totalBytes()),
            String.join(", ", backup.stores()),
            backup.verified()
                ? "yes, " + backup.verifiedAt()
                : "no: never restored, so not called verified");
        body.append("</tr>\n");
      }
      body.append("</table>\n");
    }
    return page("Lockstep backups", body.toString(), nonce);
  }

  /** The report page of {@code lockstep report}, with the navigation and {@code panel} added. */
  static String run(RunReport report, String panel, String nonce) {
    return RunReportHtml.render(report)
        .replaceFirst("<style>", "<style nonce=\"" + nonce + "\">")
        .replaceFirst("<body>\n", "<body>\n" + NAV)
        .replaceFirst("<footer>", java.util.regex.Matcher.quoteReplacement(panel) + "<footer>");
  }

  static String page(String title, String body, String nonce) {
    return page(title, body, nonce, "");
  }

  static String page(String title, String body, String nonce, String script) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(title)
        + "</title>\n<style nonce=\""
        + nonce
        + "\">\n"
        + RunReportHtml.style()
        + "nav { margin-bottom: 16px; } progress { width: 100%; height: 18px; }\n"
        + "input { font: inherit; margin: 0 12px 0 4px; }\n</style>\n</head>\n<body>\n"
        + NAV
        + body
        + (script.isEmpty() ? "" : "<script nonce=\"" + nonce + "\">\n" + script + "</script>\n")
        + "<footer>lockstep serve: read from the state folder as it is now.</footer>\n"
        + "</body>\n</html>\n";
  }

  private static void fact(StringBuilder html, String name, String value) {
    html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value));
    html.append("</dd>\n");
  }

  private static void cells(StringBuilder html, String... cells) {
    for (String cell : cells) {
      html.append("<td>").append(escape(cell)).append("</td>");
    }
  }

  private static String age(Duration age) {
    if (age.toDays() > 0) {
      return age.toDays() + " d";
    }
    if (age.toHours() > 0) {
      return age.toHours() + " h";
    }
    return Math.max(0, age.toMinutes()) + " min";
  }

  private static String bytes(long bytes) {
    if (bytes >= 1 << 20) {
      return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
    return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
