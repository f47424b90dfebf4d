package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.SignalKind;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.Sample;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.SignalVerdict;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The watch's page: every part of it, everything escaped, nothing loaded, URLs by host only. */
class WatchReportHtmlTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void render_failedWatch_hasHeaderVerdictsAndAChartPerSignal() {
    String html = WatchReportHtml.render(WatchReports.leakAndErrors());

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>Watch of 2.3.0 → 2.3.1 <span class=\"status failed\">failed</span></h1>")
        .contains("4 signals watched: 2 failed, 0 marginal, 2 passed.")
        .contains("<dt>started</dt><dd>2026-12-06 09:36:00 UTC</dd>")
        .contains("<dt>planned end</dt><dd>2026-12-08 09:36:00 UTC</dd>")
        .contains("<dt>ended</dt><dd>2026-12-06 15:36:00 UTC</dd>")
        .contains("<dt>point of no return</dt><dd>2026-12-06 12:36:00 UTC: a contract migration")
        .contains("from then on, going back means restoring the database")
        .contains("<td>memory</td>", "<td>trend: must not keep growing</td>", "<td>fail</td>")
        .contains("<td>errors</td>", "<td>rate: must not rise</td>")
        .contains("<td>ingestion lag</td>", "<td>level: must stay under its bound</td>")
        .contains("<td>sign-in success</td>", "<td>ratio: must not fall</td>", "<td>pass</td>")
        .contains("memory grows 40M an hour since the upgrade")
        .contains("slopePerHour 40.0M/h", "baselineMedian 0.200/s", "pValue 0.000400")
        .contains("baselineMedian 99.5%")
        .contains("<text class=\"bound-label\"", ">bound 30.0</text>")
        .contains(">upgraded to 2.3.1</text>", ">contract migration: restore only</text>")
        .contains("<td>2026-12-06 12:36:00 UTC</td><td>a contract migration ran (V12")
        .doesNotContain("<script", "src=", "<link", "@import", "url(", "http");
    assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(4);
    assertThat(count(html, "<polyline class=\"baseline\"")).isEqualTo(4);
    assertThat(count(html, "<polyline class=\"watched\"")).isEqualTo(4);
    assertThat(count(html, "<rect class=\"band\"")).isEqualTo(4);
    assertThat(count(html, "<line class=\"median\"")).isEqualTo(4);
    assertThat(count(html, "<rect class=\"upgrade-gap\"")).isEqualTo(4);
    assertThat(count(html, "<line class=\"upgrade\"")).isEqualTo(4);
    assertThat(count(html, "<line class=\"point-of-no-return\"")).isEqualTo(4);
    assertThat(count(html, "<path class=\"event\"")).isEqualTo(4 * 4);
    assertThat(count(html, "<line class=\"bound\"")).as("only the level has a bound").isOne();
    assertThat(count(html, "<line class=\"trend\"")).as("only memory has a slope").isOne();
  }

  @Test
  void render_chartPoints_oneForEverySample() {
    String html = WatchReportHtml.render(WatchReports.leakAndErrors());

    Matcher lines = Pattern.compile("<polyline class=\"(\\w+)\" points=\"([^\"]*)\"").matcher(html);
    int found = 0;
    while (lines.find()) {
      found++;
      int points = lines.group(2).split(" ").length;
      assertThat(points)
          .isEqualTo(
              lines.group(1).equals("baseline")
                  ? WatchReports.BASELINE_SAMPLES
                  : WatchReports.WATCHED_SAMPLES);
    }
    assertThat(found).isEqualTo(8);
  }

  @Test
  void render_escapesWhatTheWatchSays() {
    SignalTrace trace =
        new SignalTrace(
            WatchReports.signal(
                "<b>\"queue\"</b> & 'lag'", SignalKind.LEVEL, WatchReports.json(), 10.0),
            List.of(new Sample(T0, 1)),
            List.of(new Sample(T0.plusSeconds(600), 2), new Sample(T0.plusSeconds(660), 3)),
            new Judgement(
                "lag",
                SignalKind.LEVEL,
                SignalVerdict.MARGINAL,
                "<script>alert('x')</script>",
                Map.of("<i>n</i>", 1.0),
                1,
                2));
    WatchReport watch =
        new WatchReport(
            "w<1>",
            "r&1",
            "2.0<beta>",
            null,
            T0.plusSeconds(300),
            T0.plusSeconds(3600),
            null,
            WatchStatus.WATCHING,
            List.of(trace),
            List.of(new WatchEvent(T0.plusSeconds(630), "<img src=x onerror=alert(1)>")),
            null);

    String html = WatchReportHtml.render(watch);

    assertThat(html)
        .contains("&lt;b&gt;&quot;queue&quot;&lt;/b&gt; &amp; &#39;lag&#39;")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("&lt;i&gt;n&lt;/i&gt; 1.00")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("Watch of 2.0&lt;beta&gt;", "w&lt;1&gt;", "r&amp;1")
        .contains("<dt>from</dt><dd>a first install</dd>")
        .doesNotContain("<script", "<img", "<b>", "<i>", "<beta>");
  }

  @Test
  void render_signalUrls_byHostOnly() {
    String html = WatchReportHtml.render(WatchReports.leakAndErrors());

    assertThat(html)
        .contains("<td>Prometheus on prometheus.internal:9090</td>")
        .contains("<td>signin_success_ratio on 10.0.0.7:8080</td>")
        .contains("<td>$.queue.lagSeconds on ingest.internal</td>")
        .doesNotContain("hunter2", "ops@", "secret-tenant", "s3cr3t", "token")
        .doesNotContain("/metrics", "k3y-in-path", "auth=", "t0ken", "/status");
  }

  @Test
  void host_ofAnythingButAUrl_saysSoWithoutRepeatingIt() {
    assertThat(SignalSourceText.host("http://[::1]:9090/x?token=1")).isEqualTo("[::1]:9090");
    assertThat(SignalSourceText.host("token=abc")).isEqualTo("an address with no host");
    assertThat(SignalSourceText.host("http://bad host/x"))
        .isEqualTo("an address that is not a URL");
    assertThat(SignalSourceText.host(null)).isEqualTo("an address that is not a URL");
  }

  @Test
  void render_beforeTheFirstJudgement_drawsWhatThereIs() {
    SignalTrace trace =
        new SignalTrace(
            WatchReports.signal("memory", SignalKind.TREND, WatchReports.prometheus(), null),
            List.of(new Sample(T0, 5e8), new Sample(T0.plusSeconds(60), 5.1e8)),
            List.of(),
            null);
    WatchReport watch =
        new WatchReport(
            "w1",
            "r1",
            "2.0.0",
            "1.0.0",
            T0.plus(Duration.ofMinutes(5)),
            T0.plus(Duration.ofHours(24)),
            Optional.empty(),
            WatchStatus.WATCHING,
            List.of(trace),
            List.of(),
            Optional.empty());

    String html = WatchReportHtml.render(watch);

    assertThat(html)
        .contains("<span class=\"status watching\">watching</span>")
        .contains("<dt>ended</dt><dd>still watching</dd>")
        .contains("none: a rollback is still a revert of the services")
        .contains("<td>not judged yet</td>", "<p>None.</p>")
        .contains("<polyline class=\"baseline\"")
        .doesNotContain("class=\"watched\"", "class=\"trend\"", "class=\"point-of-no-return\"")
        .doesNotContain("class=\"warning\"");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
