package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.path.JournaledPath;
import dev.lockstep.engine.path.PathHop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page's text: everything a run says is escaped, and nothing outside the file is loaded. */
class RunReportHtmlTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void render_escapesWhatTheRunSays_andLoadsNothing() {
    RunReport report = report();

    String html = RunReportHtml.render(report);

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
        .contains("add &lt;tags&gt;")
        .contains("<rect class=\"downtime\"")
        .contains("<title>downtime 4.0s</title>")
        .doesNotContain("<script>", "src=", "<link", "@import", "url(");
  }

  @Test
  void render_withItsWatch_addsTheWatchsChartsAfterTheRun() {
    String html = RunReportHtml.render(report(), Optional.of(WatchReports.leakAndErrors()));

    assertThat(html)
        .contains("<svg class=\"timeline\"", "<h2>Watch watch-7</h2>", "<h2>Verdicts</h2>")
        .contains("svg.chart .watched")
        .doesNotContain("<script", "src=", "<link", "@import", "url(");
    assertThat(html.indexOf("<h2>Watch watch-7</h2>"))
        .isGreaterThan(html.indexOf("<h2>Checks</h2>"));
    assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(5);
  }

  @Test
  void render_withoutAWatch_hasNoCharts() {
    assertThat(RunReportHtml.render(report(), Optional.empty()))
        .isEqualTo(RunReportHtml.render(report()))
        .doesNotContain("<svg class=\"chart\"", "<h2>Verdicts</h2>", "svg.chart");
  }

  @Test
  void render_aPathStoppedAtItsSecondHop_showsEveryHopInOrderAndWhereItStopped() {
    RunReport second = report("run-2", "1.1.0", "1.5.0", "rolled_back", 3);
    JournaledPath path =
        new JournaledPath(
            "run-1",
            "1.0.0",
            "2.0.0",
            List.of(
                new JournaledPath.Hop(new PathHop("run-1", 1, 3, "2.0.0"), report()),
                new JournaledPath.Hop(new PathHop("run-1", 2, 3, "2.0.0"), second)));

    String html = RunReportHtml.render(path, Optional.empty());

    assertThat(html)
        .contains(
            "<h1>Upgrade 1.0.0 → 2.0.0 across required stops <span class=\"status rolled_back\">")
        .contains("The path stopped at hop 2 of 3 (1.1.0 → 1.5.0): Upgraded")
        .contains("<tr class=\"rolled_back\"><td>2 of 3</td><td>1.1.0 → 1.5.0</td><td>run-2</td>")
        .doesNotContain("<script>", "src=", "<link", "@import", "url(");
    assertThat(html.indexOf("<h2>Hop 1 of 3: 1.0.0 → 1.1.0"))
        .isPositive()
        .isLessThan(html.indexOf("<h2>Hop 2 of 3: 1.1.0 → 1.5.0"));
    assertThat(html.split("<svg class=\"timeline\"", -1)).hasSize(3);
    assertThat(path.reachedItsEnd()).isFalse();
  }

  private static RunReport report() {
    return report("run-1", "1.0.0", "1.1.0", "succeeded", 0);
  }

  private static RunReport report(String id, String from, String to, String status, int exit) {
    return new RunReport(
        id,
        "upgrade",
        "production",
        from,
        to,
        status,
        exit,
        T0,
        T0.plusSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(4),
        "backup-1",
        List.of(
            new StepReport(1, "backup", "forward", "succeeded", T0, Duration.ofSeconds(1), "1 KB"),
            new StepReport(
                2,
                "stop-services",
                "forward",
                "succeeded",
                T0.plusSeconds(2),
                Duration.ofSeconds(1),
                "<script>alert('x')</script> & \"quoted\"")),
        List.of(new MigrationReport("2", "add <tags>", "expand")),
        List.of(new CheckResult("api health", true, 1, Duration.ofMillis(20), "ok")),
        null,
        "Upgraded 1.0.0 → 1.1.0.",
        null,
        null,
        null);
  }
}
