package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.engine.watch.MetricsPage.Series;
import dev.lockstep.engine.watch.MetricsText.Format;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parser against the official Java client's writers of both formats, as oracle: every value,
 * label and HELP they write is read back.
 */
class MetricsTextTest {
  private static final String ODD = "say \"hi\" \\ C:\\path\nnext line";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @BeforeEach
  void register() {
    Counter requests =
        Counter.builder()
            .name("http_requests_total")
            .help("Requests \"served\" \\ by\nroute.")
            .labelNames("route", "code")
            .register(registry);
    requests.labelValues("/api", "200").inc(1200);
    requests.labelValues("/api", "500").inc(7);
    requests.labelValues(ODD, "500").inc(0.5);
    Gauge lag =
        Gauge.builder()
            .name("queue_lag_seconds")
            .help("Lag.")
            .labelNames("queue")
            .register(registry);
    lag.labelValues("ingest").set(12.25);
    lag.labelValues("mail").set(Double.NaN);
    lag.labelValues("search").set(Double.POSITIVE_INFINITY);
    Gauge.builder().name("workers").register(registry).set(-3e-7);
  }

  @Test
  void parse_prometheusWriter_readsBackEveryValueAndLabel() throws IOException {
    MetricsPage text =
        MetricsText.parse(written(PrometheusTextFormatWriter.create()), Format.PROMETHEUS);

    assertWritten(text);
    assertThat(text.family("http_requests_total").orElseThrow().type()).isEqualTo("counter");
  }

  @Test
  void parse_openMetricsWriterWithCreatedTimestamps_readsBackEveryValueAndLabel()
      throws IOException {
    String page =
        written(OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(true).build());

    MetricsPage text = MetricsText.parse(page, Format.OPENMETRICS);

    assertWritten(text);
    assertThat(text.family("http_requests").orElseThrow().type()).isEqualTo("counter");
    assertThat(text.series("http_requests_created")).hasSize(3);
    assertThat(text.series("http_requests_created").get(0).family().name())
        .isEqualTo("http_requests");
  }

  @Test
  void parse_openMetricsWriter_readsBackEveryValueAndLabel() throws IOException {
    MetricsPage text =
        MetricsText.parse(written(OpenMetricsTextFormatWriter.create()), Format.OPENMETRICS);

    assertWritten(text);
  }

  @Test
  void parse_prometheusWriterWithCreatedTimestamps_readsThemAsTheirOwnSeries() throws IOException {
    String page =
        written(PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(true).build());

    MetricsPage text = MetricsText.parse(page, Format.PROMETHEUS);

    assertWritten(text);
    assertThat(text.series("http_requests_created")).hasSize(3);
  }

  @Test
  void parse_timestampsAndSpacing_readsTheValues() {
    MetricsPage prometheus =
        MetricsText.parse(
            "# a comment\n\nup{job=\"a\",} 1 1712345678000\nup{job = \"b\"}\t0\n",
            Format.PROMETHEUS);
    MetricsPage open =
        MetricsText.parse(
            "# TYPE up gauge\nup{job=\"a\"} 1 1712345678.5\nup{job=\"b\"} 0 # {trace=\"x\"} 1\n# EOF\n",
            Format.OPENMETRICS);

    assertThat(prometheus.series("up")).extracting(Series::value).containsExactly(1.0, 0.0);
    assertThat(prometheus.series("up").get(1).labels()).isEqualTo(Map.of("job", "b"));
    assertThat(open.series("up")).extracting(Series::value).containsExactly(1.0, 0.0);
  }

  @Test
  void parse_openMetricsSummary_readsItsQuantilesWhichHaveNoSuffix() {
    String page =
        """
        # TYPE latency_seconds summary
        latency_seconds{quantile="0.5"} 0.25
        latency_seconds{quantile="0.99"} 1.5
        latency_seconds_count 40
        latency_seconds_sum 12.5
        # EOF
        """;

    MetricsPage text = MetricsText.parse(page, Format.OPENMETRICS);

    assertThat(text.series("latency_seconds"))
        .extracting(one -> one.labels().get("quantile"), Series::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("0.5", 0.25),
            org.assertj.core.groups.Tuple.tuple("0.99", 1.5));
    assertThat(text.series("latency_seconds_count").get(0).family().type()).isEqualTo("summary");
  }

  @Test
  void parse_openMetricsWithoutEof_isRefused() {
    assertThatThrownBy(() -> MetricsText.parse("# TYPE up gauge\nup 1\n", Format.OPENMETRICS))
        .hasMessage("line 2: no # EOF at the end (an OpenMetrics page ends with it)");
  }

  @Test
  void parse_lineAfterEof_isRefused() {
    assertThatThrownBy(() -> MetricsText.parse("up 1\n# EOF\nup 2\n", Format.OPENMETRICS))
        .hasMessage("line 3: a line after # EOF");
  }

  @Test
  void parse_unknownEscape_isRefused() {
    assertThatThrownBy(() -> MetricsText.parse("up{job=\"a\\tb\"} 1\n", Format.PROMETHEUS))
        .hasMessage("line 1: \\t is not an escape (only \\\\, \\n and \\\" are)");
  }

  @Test
  void parse_valueNotANumber_isRefused() {
    assertThatThrownBy(() -> MetricsText.parse("up 0x10\n", Format.PROMETHEUS))
        .hasMessage("line 1: '0x10' is not a number");
  }

  @Test
  void parse_unclosedLabelValue_isRefused() {
    assertThatThrownBy(() -> MetricsText.parse("up{job=\"a} 1\n", Format.PROMETHEUS))
        .hasMessage("line 1: the value of label job has no closing quote");
  }

  @Test
  void parse_openMetricsCounterSampleWithoutSuffix_isRefused() {
    assertThatThrownBy(
            () -> MetricsText.parse("# TYPE jobs counter\njobs 1\n# EOF\n", Format.OPENMETRICS))
        .hasMessage("line 2: sample jobs of a counter has none of the suffixes [_total, _created]");
  }

  @Test
  void parse_noFinalNewline_isRefused() {
    assertThatThrownBy(() -> MetricsText.parse("up 1", Format.PROMETHEUS))
        .hasMessage("line 1: the page does not end with a newline");
  }

  private static void assertWritten(MetricsPage text) {
    assertThat(text.series("http_requests_total"))
        .extracting(Series::labels, Series::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Map.of("route", "/api", "code", "200"), 1200.0),
            org.assertj.core.groups.Tuple.tuple(Map.of("route", "/api", "code", "500"), 7.0),
            org.assertj.core.groups.Tuple.tuple(Map.of("route", ODD, "code", "500"), 0.5));
    assertThat(text.series("http_requests_total").get(0).family().help())
        .isEqualTo("Requests \"served\" \\ by\nroute.");
    assertThat(text.series("queue_lag_seconds"))
        .extracting(one -> one.labels().get("queue"), Series::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ingest", 12.25),
            org.assertj.core.groups.Tuple.tuple("mail", Double.NaN),
            org.assertj.core.groups.Tuple.tuple("search", Double.POSITIVE_INFINITY));
    assertThat(text.family("queue_lag_seconds").orElseThrow().type()).isEqualTo("gauge");
    assertThat(text.series("workers")).singleElement().extracting(Series::value).isEqualTo(-3e-7);
  }

  private String written(ExpositionFormatWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
