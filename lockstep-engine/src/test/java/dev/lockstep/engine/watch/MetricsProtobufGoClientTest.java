package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.http.HttpGet;
import dev.lockstep.engine.testing.RealPrometheus;
import dev.lockstep.engine.watch.MetricsText.Format;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Debian's Prometheus serves its own metrics page through the Go client, the one most self-hosted
 * services are built on. Asked the way the watch asks, it answers in the protobuf format; that page
 * reads as the same families and samples as its text page, read by Lockstep's text reader.
 */
@Execution(ExecutionMode.CONCURRENT)
class MetricsProtobufGoClientTest {
  @TempDir Path dir;

  @Test
  void prometheusOwnPage_protobufReadsAsItsTextPage() throws Exception {
    try (InjectedMetrics product = new InjectedMetrics();
        RealPrometheus prometheus =
            RealPrometheus.scraping(URI.create(product.url()).getAuthority(), dir)) {
      prometheus.awaitScraped("http_requests_failed_total", Duration.ofSeconds(30));
      String url = prometheus.url() + "/metrics";

      MetricsPage before = null;
      MetricsPage protobuf = null;
      Map<String, String> differing = Map.of();
      // A gauge can move and come back between the two text scrapes (go_goroutines 31, 32, 31):
      // such a coincidence is asked again; a sample the reader gets wrong differs every time.
      for (int attempt = 1; attempt <= 5; attempt++) {
        before = text(url);
        HttpGet.Answer answer = HttpGet.get(url, MetricsScrapeReader.ACCEPT);
        protobuf = MetricsProtobuf.parse(answer.content());
        MetricsPage after = text(url);

        assertThat(MetricsProtobuf.is(answer.contentType())).as(answer.contentType()).isTrue();
        Map<String, Double> earlier = values(before);
        Map<String, Double> read = values(protobuf);
        Map<String, Double> later = values(after);
        // Between two scrapes series only appear, and counters move: compare what stood still.
        assertThat(read.keySet()).containsAll(earlier.keySet());
        assertThat(later.keySet()).containsAll(read.keySet());
        List<String> still =
            earlier.keySet().stream()
                .filter(key -> Objects.equals(earlier.get(key), later.get(key)))
                .toList();
        assertThat(still).hasSizeGreaterThan(100);
        differing =
            still.stream()
                .filter(key -> !Objects.equals(read.get(key), earlier.get(key)))
                .collect(
                    Collectors.toMap(
                        key -> key, key -> earlier.get(key) + " in text, " + read.get(key)));
        if (differing.isEmpty()) {
          break;
        }
      }
      assertThat(differing).isEmpty();
      for (MetricsPage.Series one : before.series()) {
        String family = one.family().name();
        assertThat(protobuf.family(family)).as(family).isEqualTo(before.family(family));
      }
      assertThat(protobuf.series().stream().map(one -> one.family().type()).distinct())
          .contains("counter", "gauge", "histogram", "summary");
    }
  }

  private static MetricsPage text(String url) {
    HttpGet.Answer answer = HttpGet.get(url, "text/plain;version=0.0.4");
    assertThat(answer.failed()).as(answer.error()).isFalse();
    return MetricsText.parse(answer.body(), Format.of(answer.contentType()));
  }

  /** Each sample's value by its name and labels, the labels in name order. */
  private static Map<String, Double> values(MetricsPage page) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (MetricsPage.Series one : page.series()) {
      values.put(one.name() + new TreeMap<>(one.labels()), one.value());
    }
    return values;
  }
}
