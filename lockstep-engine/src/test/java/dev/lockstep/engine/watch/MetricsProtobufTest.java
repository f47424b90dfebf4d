package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.engine.watch.MetricsPage.Series;
import dev.lockstep.engine.watch.MetricsText.Format;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The protobuf reader against the official Java client, which writes one registry both as protobuf
 * and as text: the two pages read as the same families and samples.
 */
class MetricsProtobufTest {
  private static final String ODD = "say \"hi\" \\ C:\\path\nnext line ✓";

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
    requests.labelValues(ODD, "500").inc(0.5);
    Gauge lag = Gauge.builder().name("queue_lag_seconds").labelNames("queue").register(registry);
    lag.labelValues("ingest").set(12.25);
    lag.labelValues("mail").set(Double.NaN);
    lag.labelValues("search").set(Double.NEGATIVE_INFINITY);
    Gauge.builder().name("workers").register(registry).set(-3e-7);
    Histogram latency =
        Histogram.builder()
            .name("request_seconds")
            .help("Latency.")
            .classicUpperBounds(0.005, 0.25, 1, 10, 120)
            .labelNames("route")
            .register(registry);
    for (double seconds : new double[] {0.001, 0.2, 0.2, 3, 500}) {
      latency.labelValues("/api").observe(seconds);
    }
    Summary sizes =
        Summary.builder()
            .name("payload_bytes")
            .quantile(0.5, 0.01)
            .quantile(0.99, 0.001)
            .register(registry);
    for (int bytes = 1; bytes <= 100; bytes++) {
      sizes.observe(bytes);
    }
  }

  @Test
  void parse_javaClientPage_readsAsItsTextPage() throws IOException {
    MetricsPage protobuf = MetricsProtobuf.parse(written(new PrometheusProtobufWriter()));
    MetricsPage text =
        MetricsText.parse(
            new String(written(PrometheusTextFormatWriter.create()), StandardCharsets.UTF_8),
            Format.PROMETHEUS);

    assertThat(samples(protobuf)).isEqualTo(samples(text)).hasSize(18);
    for (String family : List.of("http_requests_total", "request_seconds", "payload_bytes")) {
      assertThat(protobuf.family(family)).isEqualTo(text.family(family));
    }
    assertThat(protobuf.family("request_seconds").orElseThrow().type()).isEqualTo("histogram");
    assertThat(protobuf.series("http_requests_total"))
        .filteredOn(one -> one.labels().get("route").equals(ODD))
        .extracting(Series::value)
        .containsExactly(0.5);
    assertThat(protobuf.series("request_seconds_bucket"))
        .extracting(one -> one.labels().get("le") + " " + one.value())
        .containsExactly("0.005 1.0", "0.25 3.0", "1 3.0", "10 4.0", "120 4.0", "+Inf 5.0");
  }

  @Test
  void parse_noMessages_isAnEmptyPage() {
    assertThat(MetricsProtobuf.parse(new byte[0]).series()).isEmpty();
  }

  @Test
  void parse_truncatedMessage_namesIt() throws IOException {
    byte[] page = written(new PrometheusProtobufWriter());

    assertThatThrownBy(() -> MetricsProtobuf.parse(Arrays.copyOf(page, page.length - 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("message 5: not a MetricFamily message (");
  }

  @Test
  void parse_text_isRefused() {
    byte[] text = "# TYPE up gauge\nup 1\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MetricsProtobuf.parse(text))
        .hasMessageStartingWith("message 1: not a MetricFamily message (");
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "0.25, 0.25",
    "0.005, 0.005",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "120, 120",
    "100000, 100000",
    "1000000, 1e+06",
    "2500000, 2.5e+06",
    "1e21, 1e+21",
    "-0.5, -0.5",
    "0, 0",
    "Infinity, +Inf",
    "-Infinity, -Inf"
  })
  void bound_isWrittenAsTheGoClientWritesIt(double bound, String written) {
    assertThat(MetricsProtobuf.bound(bound)).isEqualTo(written);
  }

  @Test
  void is_theDelimitedMetricFamilyFormatOnly() {
    assertThat(
            MetricsProtobuf.is(
                "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
                    + " encoding=delimited"))
        .isTrue();
    assertThat(MetricsProtobuf.is(MetricsProtobuf.MEDIA_TYPE)).isTrue();
    assertThat(
            MetricsProtobuf.is(
                "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
                    + " encoding=text"))
        .isFalse();
    assertThat(MetricsProtobuf.is("text/plain; version=0.0.4")).isFalse();
    assertThat(MetricsProtobuf.is(null)).isFalse();
  }

  /**
   * Each sample as name, labels and value; a bound label as its number, since the Java client
   * writes {@code 1.0} in text where the protobuf reader writes {@code 1}, as the Go client does.
   */
  static Set<String> samples(MetricsPage page) {
    return page.series().stream()
        .map(
            one -> {
              Map<String, String> labels = new LinkedHashMap<>(one.labels());
              labels.replaceAll(
                  (name, value) ->
                      name.equals("le") || name.equals("quantile")
                          ? String.valueOf(Double.parseDouble(value.replace("Inf", "Infinity")))
                          : value);
              return one.name() + labels + " " + one.value() + " " + one.family().type();
            })
        .collect(Collectors.toSet());
  }

  private byte[] written(ExpositionFormatWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toByteArray();
  }
}
