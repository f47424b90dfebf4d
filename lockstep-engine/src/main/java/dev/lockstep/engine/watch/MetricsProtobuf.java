package dev.lockstep.engine.watch;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A metrics page in the Prometheus protobuf format: length-delimited {@code MetricFamily} messages
 * of {@code io.prometheus.client}, read by the classes the Prometheus Java client generates from
 * that schema. Services built on the Go client (Prometheus itself among them) and on the Java
 * client send it when asked. Its samples are named and labelled as the Go client writes the same
 * page in the text format, so a signal reads the same series from either.
 */
final class MetricsProtobuf {
  /** The format's media type, as {@code Accept} asks for it. */
  static final String MEDIA_TYPE =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  private MetricsProtobuf() {}

  /** Whether a {@code Content-Type} names this format. */
  static boolean is(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).replace(" ", "");
    return type.startsWith("application/vnd.google.protobuf")
        && type.contains("proto=io.prometheus.client.metricfamily")
        && type.contains("encoding=delimited");
  }

  /**
   * Reads the messages in {@code content}.
   *
   * @throws IllegalArgumentException naming the first message that is not a metric family, and why
   */
  static MetricsPage parse(byte[] content) {
    Map<String, MetricsPage.Family> families = new LinkedHashMap<>();
    List<MetricsPage.Series> series = new ArrayList<>();
    InputStream in = new ByteArrayInputStream(content);
    int number = 1;
    try {
      for (Metrics.MetricFamily family;
          (family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null;
          number++) {
        MetricsPage.Family read =
            new MetricsPage.Family(family.getName(), type(family, number), family.getHelp());
        if (read.name().isEmpty()) {
          throw error(number, "a metric family without a name");
        }
        if (families.put(read.name(), read) != null) {
          throw error(number, "a second metric family named " + read.name());
        }
        for (Metrics.Metric metric : family.getMetricList()) {
          new Samples(read, labels(metric), series).add(family.getType(), metric);
        }
      }
    } catch (IOException e) {
      // Protocol Buffers' own words: a truncated message, a malformed varint, a wrong wire type.
      throw error(number, "not a MetricFamily message (" + e.getMessage() + ")");
    }
    return new MetricsPage(families, series);
  }

  private static String type(Metrics.MetricFamily family, int number) {
    return switch (family.getType()) {
      case COUNTER -> "counter";
      case GAUGE -> "gauge";
      case SUMMARY -> "summary";
      case UNTYPED -> "untyped";
      case HISTOGRAM -> "histogram";
      case GAUGE_HISTOGRAM -> "gaugehistogram";
      default ->
          throw error(
              number,
              "metric family " + family.getName() + " has a type this version does not know");
    };
  }

  private static Map<String, String> labels(Metrics.Metric metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Metrics.LabelPair label : metric.getLabelList()) {
      labels.put(label.getName(), label.getValue());
    }
    return labels;
  }

  /** One metric's samples, named as the text format names them. */
  private record Samples(
      MetricsPage.Family family, Map<String, String> labels, List<MetricsPage.Series> out) {

    void add(Metrics.MetricType type, Metrics.Metric metric) {
      switch (type) {
        case COUNTER -> sample("", metric.getCounter().getValue());
        case GAUGE -> sample("", metric.getGauge().getValue());
        case UNTYPED -> sample("", metric.getUntyped().getValue());
        case SUMMARY -> summary(metric.getSummary());
        default -> histogram(metric.getHistogram());
      }
    }

    private void summary(Metrics.Summary summary) {
      for (Metrics.Quantile quantile : summary.getQuantileList()) {
        sample("", "quantile", quantile.getQuantile(), quantile.getValue());
      }
      sample("_sum", summary.getSampleSum());
      sample("_count", summary.getSampleCount());
    }

    /** Cumulative buckets, ending with {@code +Inf} as the text format always does. */
    private void histogram(Metrics.Histogram histogram) {
      double count =
          histogram.hasSampleCountFloat()
              ? histogram.getSampleCountFloat()
              : histogram.getSampleCount();
      boolean infinite = false;
      for (Metrics.Bucket bucket : histogram.getBucketList()) {
        double cumulative =
            bucket.hasCumulativeCountFloat()
                ? bucket.getCumulativeCountFloat()
                : bucket.getCumulativeCount();
        sample("_bucket", "le", bucket.getUpperBound(), cumulative);
        infinite |= bucket.getUpperBound() == Double.POSITIVE_INFINITY;
      }
      if (!infinite) {
        sample("_bucket", "le", Double.POSITIVE_INFINITY, count);
      }
      sample("_sum", histogram.getSampleSum());
      sample("_count", count);
    }

    private void sample(String suffix, double value) {
      out.add(new MetricsPage.Series(family.name() + suffix, labels, value, family));
    }

    private void sample(String suffix, String label, double bound, double value) {
      Map<String, String> withBound = new LinkedHashMap<>(labels);
      withBound.put(label, bound(bound));
      out.add(new MetricsPage.Series(family.name() + suffix, withBound, value, family));
    }
  }

  /**
   * A bucket's or quantile's bound as the Go client writes it in the text format: {@code 1}, {@code
   * 0.25}, {@code 1e-05}, {@code 1e+06}, {@code +Inf}; the shortest digits, in exponent form below
   * 1e-4 and from 1e6.
   */
  static String bound(double bound) {
    if (Double.isNaN(bound)) {
      return "NaN";
    }
    if (Double.isInfinite(bound)) {
      return bound > 0 ? "+Inf" : "-Inf";
    }
    if (bound == 0) {
      return "0";
    }
    BigDecimal digits = new BigDecimal(Double.toString(bound)).stripTrailingZeros();
    int exponent = digits.precision() - digits.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      return digits.toPlainString();
    }
    String mantissa = digits.movePointLeft(exponent).toPlainString();
    int magnitude = Math.abs(exponent);
    return mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + magnitude;
  }

  private static IllegalArgumentException error(int number, String what) {
    return new IllegalArgumentException("message " + number + ": " + what);
  }
}
