package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.testing.JsonEndpoint;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader against a real HTTP server serving a metrics page, and a clock the test moves. */
class MetricsScrapeReaderTest {
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final JsonEndpoint page = new JsonEndpoint().typed(PROMETHEUS);
  private final MovingClock clock = new MovingClock();

  @AfterEach
  void stop() {
    page.close();
  }

  @Test
  void read_gauge_sumsTheSeriesWithTheLabels() {
    page.answer(
        """
        # TYPE queue_depth gauge
        queue_depth{queue="ingest",node="a"} 3
        queue_depth{queue="ingest",node="b"} 4.5
        queue_depth{queue="mail",node="a"} 100
        """);

    assertThat(reader("queue_depth", Map.of("queue", "ingest")).read()).hasValue(7.5);
    assertThat(reader("queue_depth", Map.of()).read()).hasValue(107.5);
  }

  @Test
  void read_counter_isARatePerSecondFromTheSecondScrape() {
    SignalReader reader = reader("http_errors_total", Map.of("code", "500"));
    page.answer(errors(100, 1));

    assertThat(reader.read()).isEmpty();
    clock.move(Duration.ofSeconds(15));
    page.answer(errors(130, 2));
    assertThat(reader.read()).hasValue(2.0);
  }

  @Test
  void read_counterReset_isEmptyThenARateAgain() {
    SignalReader reader = reader("http_errors_total", Map.of());
    page.answer(errors(100, 0));
    reader.read();
    clock.move(Duration.ofSeconds(10));
    page.answer(errors(5, 0));

    assertThat(reader.read()).isEmpty();
    clock.move(Duration.ofSeconds(10));
    page.answer(errors(25, 0));
    assertThat(reader.read()).hasValue(2.0);
  }

  @Test
  void read_openMetricsCounterByItsFamilyName_isARate() {
    SignalReader reader = reader("jobs_failed", Map.of());
    page.typed(OPENMETRICS).answer(jobs(10));
    reader.read();
    clock.move(Duration.ofSeconds(4));
    page.answer(jobs(12));

    assertThat(reader.read()).hasValue(0.5);
  }

  @Test
  void read_missingMetric_namesIt() {
    page.answer("up 1\n");

    assertThatThrownBy(() -> reader("queue_depth", Map.of()).read())
        .isInstanceOf(SignalReadException.class)
        .hasMessage(
            "cannot read signal 'watched': the metrics page at "
                + page.root()
                + " has no metric queue_depth; write the name of a metric it shows (as written on"
                + " the page, e.g. http_requests_failed_total)");
  }

  @Test
  void read_noSeriesWithTheLabels_namesTheLabelsSeen() {
    page.answer("queue_depth{queue=\"mail\"} 1\n");

    assertThatThrownBy(() -> reader("queue_depth", Map.of("queue", "ingest")).read())
        .hasMessage(
            "cannot read signal 'watched': the metrics page at "
                + page.root()
                + " has no series of queue_depth with the labels {queue=\"ingest\"} (it has"
                + " [{queue=\"mail\"}]); write labels that its series carry");
  }

  @Test
  void read_notANumber_namesTheLine() {
    page.answer("queue_depth{queue=\"mail\"} many\n");

    assertThatThrownBy(() -> reader("queue_depth", Map.of()).read())
        .hasMessage(
            "cannot read signal 'watched': the metrics page at "
                + page.root()
                + " is not in the Prometheus or OpenMetrics text format: line 1: 'many' is not a"
                + " number; point url at the metrics page itself");
  }

  @Test
  void read_protobufPage_asksForItFirstAndReadsTheCounterAsARate() throws IOException {
    page.typed(MetricsProtobuf.MEDIA_TYPE);
    SignalReader reader = reader("http_errors_total", Map.of("code", "500"));
    page.answer(200, protobufErrors(100));

    assertThat(reader.read()).isEmpty();
    clock.move(Duration.ofSeconds(10));
    page.answer(200, protobufErrors(150));
    assertThat(reader.read()).hasValue(5.0);
    assertThat(page.accepted.get(0)).startsWith(MetricsProtobuf.MEDIA_TYPE + ",");
  }

  @Test
  void read_counterNamedAsOpenMetricsNamesItsFamily_readsTheSameSeriesFromAProtobufPage()
      throws IOException {
    page.typed(MetricsProtobuf.MEDIA_TYPE);
    SignalReader reader = reader("http_errors", Map.of());
    page.answer(200, protobufErrors(100));

    assertThat(reader.read()).isEmpty();
    clock.move(Duration.ofSeconds(10));
    page.answer(200, protobufErrors(120));
    assertThat(reader.read()).hasValue(2.0);
  }

  @Test
  void read_damagedProtobufPage_namesTheFormatItsContentTypeNames() throws IOException {
    page.typed(MetricsProtobuf.MEDIA_TYPE);
    byte[] whole = protobufErrors(100);
    page.answer(200, Arrays.copyOf(whole, whole.length - 2));

    assertThatThrownBy(() -> reader("http_errors_total", Map.of()).read())
        .hasMessageStartingWith(
            "cannot read signal 'watched': the metrics page at "
                + page.root()
                + " is not in the Prometheus protobuf format its Content-Type names: message 1:"
                + " not a MetricFamily message (")
        .hasMessageEndingWith("; point url at the metrics page itself");
  }

  @Test
  void read_http500_namesTheStatusAndTheHostOnly() {
    page.answer(500, "oops");

    assertThatThrownBy(() -> reader("up", Map.of()).read())
        .hasMessage(
            "cannot read signal 'watched': GET "
                + page.root()
                + " answered HTTP 500; check that the product is up and that url is its metrics"
                + " page, e.g. http://127.0.0.1:8080/metrics");
  }

  @Test
  void read_unreachable_saysSo() {
    String root = Unreachable.root();
    SignalReader reader =
        new MetricsScrapeReader(
            "watched", new SignalSource.Metrics(root + "/metrics?k=s3cret", "up", null), clock);

    assertThatThrownBy(reader::read)
        .hasMessageStartingWith(
            "cannot read signal 'watched': GET " + root + " failed: connection refused")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void history_isEmpty() {
    assertThat(reader("up", Map.of()).history(Instant.EPOCH, Instant.now(), Duration.ofSeconds(15)))
        .isEmpty();
  }

  private SignalReader reader(String metric, Map<String, String> labels) {
    return SignalReaders.of(
        new SignalConfig(
            "watched",
            SignalKind.RATE,
            new SignalSource.Metrics(page.root() + "/metrics", metric, labels),
            null,
            null),
        clock);
  }

  /** A counter with a 500 series and a 404 series, as the protobuf format's messages. */
  private static byte[] protobufErrors(int serverErrors) throws IOException {
    Metrics.MetricFamily family =
        Metrics.MetricFamily.newBuilder()
            .setName("http_errors_total")
            .setHelp("Failed requests.")
            .setType(Metrics.MetricType.COUNTER)
            .addMetric(errorCount("500", serverErrors))
            .addMetric(errorCount("404", 1))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    family.writeDelimitedTo(out);
    return out.toByteArray();
  }

  private static Metrics.Metric errorCount(String code, int count) {
    return Metrics.Metric.newBuilder()
        .addLabel(Metrics.LabelPair.newBuilder().setName("code").setValue(code))
        .setCounter(Metrics.Counter.newBuilder().setValue(count))
        .build();
  }

  private static String errors(int serverErrors, int clientErrors) {
    return """
        # HELP http_errors_total Failed requests.
        # TYPE http_errors_total counter
        http_errors_total{code="500"} %d
        http_errors_total{code="404"} %d
        """
        .formatted(serverErrors, clientErrors);
  }

  private static String jobs(int failed) {
    return """
        # TYPE jobs_failed counter
        jobs_failed_total %d
        jobs_failed_created 1712345678.0
        # EOF
        """
        .formatted(failed);
  }

  /** A clock that stands still until the test moves it. */
  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
