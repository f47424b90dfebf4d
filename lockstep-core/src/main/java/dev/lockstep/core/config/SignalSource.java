package dev.lockstep.core.config;

import java.util.Map;

/** Where a watched signal's value is read from. */
public sealed interface SignalSource {

  /** The base URL asked, for messages: quoted by host only where it may hold a token. */
  String url();

  /**
   * A Prometheus server's HTTP API: {@code query} as an instant query while watching, and as a
   * range query over the baseline window when the server has that history.
   *
   * @param url the server's base URL, e.g. http://127.0.0.1:9090
   * @param query PromQL giving one number (a one-element vector or a scalar)
   */
  record Prometheus(String url, String query) implements SignalSource {}

  /**
   * A scrape of the product's own metrics page in the Prometheus text or OpenMetrics format. A
   * counter (a {@code _total} series, or one typed counter) is turned into a per-second rate
   * between two scrapes; a gauge is read as it is. Series matching the labels are summed.
   *
   * @param url the metrics page, e.g. http://127.0.0.1:8080/metrics
   * @param metric the metric's name, e.g. http_requests_failed_total
   * @param labels labels a series must carry to count; empty for every series of the metric
   */
  record Metrics(String url, String metric, Map<String, String> labels) implements SignalSource {
    public Metrics {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
  }

  /**
   * An HTTP endpoint answering JSON: the number at {@code path}.
   *
   * @param url the endpoint, asked with GET
   * @param path the JSON path of one number, e.g. $.queue.lagSeconds
   */
  record Json(String url, String path) implements SignalSource {}
}
