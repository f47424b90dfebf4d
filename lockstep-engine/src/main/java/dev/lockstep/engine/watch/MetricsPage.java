package dev.lockstep.engine.watch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a product's metrics page says, whichever format it came in: its metric families and their
 * samples, the way the Prometheus text format writes them ({@code requests_total}, {@code
 * latency_seconds_bucket{le="0.5"}}).
 */
final class MetricsPage {

  /**
   * A metric family's metadata.
   *
   * @param name the family's name (in OpenMetrics, a counter's name without {@code _total})
   * @param type counter, gauge, …; untyped (Prometheus) or unknown (OpenMetrics) when not declared
   * @param help its HELP text, unescaped; empty when there is none
   */
  record Family(String name, String type, String help) {}

  /**
   * One sample.
   *
   * @param name the sample's name, with its suffix ({@code requests_total})
   * @param labels its labels, unescaped, in the order written
   * @param value its value (NaN and ±infinity included)
   * @param family the family it belongs to
   */
  record Series(String name, Map<String, String> labels, double value, Family family) {
    Series {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
  }

  private final Map<String, Family> families;
  private final List<Series> series;

  MetricsPage(Map<String, Family> families, List<Series> series) {
    this.families = Map.copyOf(families);
    this.series = List.copyOf(series);
  }

  List<Series> series() {
    return series;
  }

  /** The samples named {@code name}, in the order written. */
  List<Series> series(String name) {
    return series.stream().filter(one -> one.name().equals(name)).toList();
  }

  Optional<Family> family(String name) {
    return Optional.ofNullable(families.get(name));
  }
}
