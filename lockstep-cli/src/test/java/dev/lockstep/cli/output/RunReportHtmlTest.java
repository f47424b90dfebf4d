package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
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

  private static RunReport report() {
    return new RunReport(
        "run-1",
        "upgrade",
        "production",
        "1.0.0",
        "1.1.0",
        "succeeded",
        0,
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
