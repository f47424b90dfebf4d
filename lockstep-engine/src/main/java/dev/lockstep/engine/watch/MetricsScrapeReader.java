package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.http.HttpGet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A signal read from the product's own metrics page: the sum of the metric's series that carry the
 * configured labels. A counter becomes a per-second rate between this scrape and the one before; a
 * gauge is read as it is. A page keeps no history.
 */
final class MetricsScrapeReader implements SignalReader {
  /**
   * The protobuf format first: it is read by the Prometheus client's own generated classes. Then
   * OpenMetrics, then the Prometheus text format, which every client writes.
   */
  static final String ACCEPT =
      MetricsProtobuf.MEDIA_TYPE
          + ",application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5";

  private final String signal;
  private final SignalSource.Metrics source;
  private final Clock clock;
  private Instant lastAt;
  private double lastTotal;

  MetricsScrapeReader(String signal, SignalSource.Metrics source, Clock clock) {
    this.signal = signal;
    this.source = source;
    this.clock = clock;
  }

  @Override
  public synchronized OptionalDouble read() {
    HttpGet.Answer answer = HttpGet.get(source.url(), ACCEPT);
    Instant now = clock.instant();
    if (answer.failed()) {
      throw new SignalReadException(
          signal,
          answer.error(),
          "check that the product is up and that url is its metrics page, e.g."
              + " http://127.0.0.1:8080/metrics");
    }
    String page = "the metrics page at " + HttpGet.where(source.url());
    MetricsPage metrics = read(answer, page);
    List<MetricsPage.Series> named = metrics.series(source.metric());
    boolean counter = source.metric().endsWith("_total");
    if (named.isEmpty()) {
      // A counter as OpenMetrics names its family, without the _total its samples carry: the
      // same series whichever format the page comes in.
      List<MetricsPage.Series> totals = metrics.series(source.metric() + "_total");
      if (!totals.isEmpty() && totals.get(0).family().type().equals("counter")) {
        named = totals;
        counter = true;
      }
    }
    if (named.isEmpty()) {
      throw new SignalReadException(
          signal,
          page + " has no metric " + source.metric(),
          "write the name of a metric it shows (as written on the page, e.g."
              + " http_requests_failed_total)");
    }
    List<MetricsPage.Series> matching =
        named.stream()
            .filter(one -> one.labels().entrySet().containsAll(source.labels().entrySet()))
            .toList();
    if (matching.isEmpty()) {
      throw new SignalReadException(
          signal,
          page
              + " has no series of "
              + source.metric()
              + " with the labels "
              + labels(source.labels())
              + " (it has "
              + named.stream().limit(3).map(one -> labels(one.labels())).toList()
              + (named.size() > 3 ? " and " + (named.size() - 3) + " more" : "")
              + ")",
          "write labels that its series carry");
    }
    double total = matching.stream().mapToDouble(MetricsPage.Series::value).sum();
    // A counter's _created sample is when it started, not a count.
    counter =
        counter
            || matching.get(0).family().type().equals("counter")
                && !source.metric().endsWith("_created");
    return counter ? rate(total, now) : OptionalDouble.of(total);
  }

  private MetricsPage read(HttpGet.Answer answer, String page) {
    boolean protobuf = MetricsProtobuf.is(answer.contentType());
    try {
      return protobuf
          ? MetricsProtobuf.parse(answer.content())
          : MetricsText.parse(answer.body(), MetricsText.Format.of(answer.contentType()));
    } catch (IllegalArgumentException e) {
      String format =
          protobuf
              ? "the Prometheus protobuf format its Content-Type names"
              : "the Prometheus or OpenMetrics text format";
      throw new SignalReadException(
          signal,
          page + " is not in " + format + ": " + e.getMessage(),
          "point url at the metrics page itself");
    }
  }

  @Override
  public List<Sample> history(Instant from, Instant to, Duration step) {
    return List.of();
  }

  /** Per second since the scrape before; empty the first time and after a reset of the counter. */
  private OptionalDouble rate(double total, Instant now) {
    Instant before = lastAt;
    double beforeTotal = lastTotal;
    lastAt = now;
    lastTotal = total;
    if (before == null || total < beforeTotal || !now.isAfter(before)) {
      return OptionalDouble.empty();
    }
    double seconds = Duration.between(before, now).toNanos() / 1e9;
    return OptionalDouble.of((total - beforeTotal) / seconds);
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
