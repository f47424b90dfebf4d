package dev.lockstep.cli.serve;

import static dev.lockstep.cli.output.RunReportHtml.escape;

import dev.lockstep.backup.BackupSummary;
import dev.lockstep.cli.output.RunReportHtml;
import dev.lockstep.cli.output.WatchReportHtml;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.LiveStatus;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.engine.watch.WatchSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The HTML pages of {@code lockstep serve}: the status, the watch and the runs, one run (the report
 * page of {@code lockstep report}), the installed release's watch, the backups. Their style and
 * scripts are inline, under the nonce of the response's Content-Security-Policy; they load nothing
 * from anywhere else.
 */
final class StatePages {
  private static final String NAV =
      "<nav><a href=\"/\">Status and runs</a> · <a href=\"/live\">Run in progress</a> · <a"
          + " href=\"/backups\">Backups</a></nav>\n";

  private StatePages() {}

  static String home(
      LiveStatus status,
      List<RunReport> runs,
      Optional<WatchSummary> watch,
      Optional<RollbackNow> rollbackNow,
      String nonce) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Lockstep: ").append(escape(status.environment())).append("</h1>\n");
    body.append("<dl class=\"facts\">\n");
    fact(body, "installed", status.installed() == null ? "nothing yet" : status.installed());
    if (status.installedBy() != null) {
      fact(body, "installed by run", status.installedBy());
      fact(body, "since", String.valueOf(status.installedSince()));
    }
    body.append("</dl>\n");
    rollbackNow.filter(RollbackNow::restores).ifPresent(now -> pointOfNoReturn(body, now));
    watch.ifPresent(w -> watch(body, w));
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

  /**
   * The watch of the upgrade that installed the release in one block: where it stands, each
   * signal's verdict, and a link to its page with the charts.
   */
  private static void watch(StringBuilder body, WatchSummary watch) {
    String status = watch.status().name().toLowerCase(Locale.ROOT);
    body.append("<section id=\"watch\">\n<h2>Watch of ")
        .append(escape(watch.release()))
        .append(" <span class=\"status ")
        .append(escape(status))
        .append("\">")
        .append(escape(watch.orphaned() ? status + ", its process gone" : status))
        .append("</span></h2>\n<p>");
    if (watch.endedAt() == null) {
      body.append(escape("Since " + watch.startedAt() + ", until " + watch.endsAt() + "."));
      if (watch.orphaned()) {
        body.append(escape(" `lockstep watch` goes on with its samples."));
      }
    } else {
      body.append(escape("Ended " + watch.endedAt() + ": " + watch.summary()));
    }
    body.append(" <a href=\"/watch\">The watch's page, with its charts</a>.</p>\n");
    if (!watch.judgements().isEmpty()) {
      body.append("<table id=\"verdicts\">\n<tr><th>signal</th><th>verdict</th>")
          .append("<th>reason</th></tr>\n");
      for (Judgement judgement : watch.judgements()) {
        String verdict = judgement.verdict().name().toLowerCase(Locale.ROOT);
        body.append("<tr class=\"").append(escape(verdict)).append("\">");
        cells(body, judgement.signal(), verdict.replace('_', ' '), judgement.reason());
        body.append("</tr>\n");
      }
      body.append("</table>\n");
    }
    body.append("</section>\n");
  }

  private static void pointOfNoReturn(StringBuilder body, RollbackNow now) {
    String since =
        now.dataLossSince() == null ? "the upgrade's backup" : String.valueOf(now.dataLossSince());
    body.append("<p class=\"warning\" id=\"point-of-no-return\">")
        .append(
            escape(
                "Past the point of no return: a rollback now means a restore"
                    + (now.restoreFrom() == null ? "" : " (from " + now.restoreFrom() + ")")
                    + "; it would lose every write since "
                    + since
                    + "."))
        .append("</p>\n");
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
            String.valueOf(backup.purpose()).toLowerCase(Locale.ROOT),
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

  /**
   * The report page of {@code lockstep report}, with its watch when it has one, and the navigation
   * and {@code panel} added.
   */
  static String run(RunReport report, Optional<WatchReport> watch, String panel, String nonce) {
    return served(RunReportHtml.render(report, watch), nonce)
        .replaceFirst("<footer>", Matcher.quoteReplacement(panel) + "<footer>");
  }

  /** The page of {@code lockstep report --watch}, with the navigation added. */
  static String watch(WatchReport watch, String nonce) {
    return served(WatchReportHtml.render(watch), nonce);
  }

  /** A report's self-contained page under the response's nonce, with the navigation. */
  private static String served(String page, String nonce) {
    return page.replaceFirst("<style>", "<style nonce=\"" + nonce + "\">")
        .replaceFirst("<body>\n", "<body>\n" + NAV);
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
        + WatchReportHtml.style()
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
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
