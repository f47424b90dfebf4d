package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.testing.JsonEndpoint;
import dev.lockstep.engine.testing.RealPrometheus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader asking a real Prometheus (Debian's), which scrapes a metrics page served by the test:
 * two series of a gauge, 3 and 4. The failures Prometheus does not make are served by a test
 * server.
 */
class PrometheusReaderTest {
  private static final String METRICS =
      """
      # TYPE app_queue_depth gauge
      app_queue_depth{queue="a"} 3
      app_queue_depth{queue="b"} 4
      """;

  @TempDir static Path prometheusDir;
  private static JsonEndpoint product;
  private static RealPrometheus prometheus;

  @BeforeAll
  static void scraped() throws InterruptedException {
    product = new JsonEndpoint().typed("text/plain; version=0.0.4").answer(METRICS);
    prometheus =
        RealPrometheus.scraping(product.root().substring("http://".length()), prometheusDir);
    prometheus.awaitScraped("app_queue_depth", Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
    product.close();
  }

  @Test
  void read_oneElementVector_isItsValue() {
    assertThat(reader("sum(app_queue_depth)").read()).hasValue(7.0);
  }

  @Test
  void read_scalar_isItsValue() {
    assertThat(reader("scalar(sum(app_queue_depth)) * 2").read()).hasValue(14.0);
  }

  @Test
  void read_emptyVector_isEmpty() {
    assertThat(reader("app_queue_depth{queue=\"none\"}").read()).isEmpty();
  }

  @Test
  void history_rangeQuery_givesTheScrapedValues() {
    Instant to = Instant.now();
    Instant from = to.minusSeconds(10);

    List<Sample> history = reader("sum(app_queue_depth)").history(from, to, Duration.ofSeconds(1));

    assertThat(history).isNotEmpty().allSatisfy(sample -> assertThat(sample.value()).isEqualTo(7));
    assertThat(history)
        .allSatisfy(sample -> assertThat(sample.at()).isBetween(from.minusMillis(1), to));
  }

  @Test
  void read_twoSeries_namesTheCountAndSuggestsSum() {
    assertThatThrownBy(() -> reader("app_queue_depth").read())
        .isInstanceOf(SignalReadException.class)
        .hasMessage(
            "cannot read signal 'depth': Prometheus at "
                + prometheus.url()
                + " answered 2 series, not one (query app_queue_depth); aggregate them into one,"
                + " e.g. sum(app_queue_depth)");
  }

  @Test
  void history_twoSeries_namesTheCount() {
    Instant to = Instant.now();

    assertThatThrownBy(
            () -> reader("app_queue_depth").history(to.minusSeconds(10), to, Duration.ofSeconds(1)))
        .hasMessageContaining("answered 2 series, not one");
  }

  @Test
  void read_queryPrometheusRefuses_givesPrometheusesReason() {
    assertThatThrownBy(() -> reader("sum by (").read())
        .hasMessageStartingWith(
            "cannot read signal 'depth': Prometheus at "
                + prometheus.url()
                + " refused the query: ")
        .hasMessageContaining("parse error")
        .hasMessageEndingWith(
            "; check that Prometheus is up, that url is its base URL (e.g. http://127.0.0.1:9090)"
                + " and that the query is PromQL it accepts");
  }

  @Test
  void read_http500_namesTheStatusAndTheHostOnly() {
    try (JsonEndpoint broken = new JsonEndpoint().answer(500, "oops")) {
      assertThatThrownBy(() -> reader(broken.root() + "/prom?token=s3cret", "up").read())
          .hasMessage(
              "cannot read signal 'depth': GET "
                  + broken.root()
                  + " answered HTTP 500 (the Prometheus query API); check that Prometheus is up,"
                  + " that url is its base URL (e.g. http://127.0.0.1:9090) and that the query is"
                  + " PromQL it accepts");
    }
  }

  @Test
  void read_unreachable_saysSo() {
    String root = Unreachable.root();

    assertThatThrownBy(() -> reader(root, "up").read())
        .hasMessageStartingWith(
            "cannot read signal 'depth': GET "
                + root
                + " failed: connection refused or unreachable (the Prometheus query API);");
  }

  @Test
  void read_sampleNotANumber_saysSo() {
    try (JsonEndpoint odd =
        new JsonEndpoint()
            .answer(
                """
                {"status": "success", "data": {"resultType": "vector",
                 "result": [{"metric": {}, "value": [1712345678.1, "lots"]}]}}
                """)) {
      assertThatThrownBy(() -> reader(odd.root(), "up").read())
          .hasMessage(
              "cannot read signal 'depth': Prometheus at "
                  + odd.root()
                  + " answered the value \"lots\", not a number; check that url is Prometheus's"
                  + " HTTP API");
    }
  }

  private static SignalReader reader(String query) {
    return reader(prometheus.url().toString(), query);
  }

  private static SignalReader reader(String url, String query) {
    return SignalReaders.of(
        new SignalConfig(
            "depth", SignalKind.LEVEL, new SignalSource.Prometheus(url, query), 10.0, null));
  }
}
