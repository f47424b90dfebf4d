package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the {@code watch} section: its durations, and every signal's name, kind, one source, and
 * the bound a level needs.
 */
final class WatchValidator {
  private static final String FIELD = "watch";
  private static final String SOURCES =
      "prometheus: {url: 'http://127.0.0.1:9090', query: 'sum(rate(http_errors_total[1m]))'},"
          + " metrics: {url: 'http://127.0.0.1:8080/metrics', metric: http_errors_total} or json:"
          + " {url: 'http://127.0.0.1:8080/admin/queue', path: $.lagSeconds}";

  private final ProblemCollector problems;
  private final ProbeRules rules;

  WatchValidator(ProblemCollector problems) {
    this.problems = problems;
    this.rules = new ProbeRules(problems);
  }

  WatchConfig validate(ConfigDocument.Watch doc) {
    if (doc == null) {
      return null;
    }
    Duration duration = positive(doc.duration(), FIELD + ".duration", WatchConfig.DEFAULT_DURATION);
    Duration interval = positive(doc.interval(), FIELD + ".interval", WatchConfig.DEFAULT_INTERVAL);
    Duration baseline = positive(doc.baseline(), FIELD + ".baseline", WatchConfig.DEFAULT_BASELINE);
    Duration autoRevert =
        doc.autoRevert() == null
            ? null
            : positive(doc.autoRevert(), FIELD + ".autoRevert", Duration.ofMinutes(30));
    if (interval.compareTo(duration) >= 0) {
      problems.add(
          FIELD + ".interval",
          "(" + doc.interval() + ") is not shorter than the watch's duration.",
          "sample more often than the watch lasts, e.g. interval: 15s with duration: 48h.");
    }
    if (doc.signals() == null || doc.signals().isEmpty()) {
      problems.add(
          FIELD + ".signals",
          "is empty: a watch with nothing to watch would always pass.",
          "add a signal, e.g. {name: errors, kind: rate, prometheus: {url: 'http://127.0.0.1:9090',"
              + " query: 'sum(rate(http_errors_total[1m]))'}}.");
      return null;
    }
    List<SignalConfig> signals = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < doc.signals().size(); i++) {
      SignalConfig signal = signal(doc.signals().get(i), FIELD + ".signals[" + i + "]", names);
      if (signal != null) {
        signals.add(signal);
      }
    }
    return new WatchConfig(duration, interval, baseline, autoRevert, signals);
  }

  private SignalConfig signal(ConfigDocument.Signal doc, String field, Set<String> names) {
    if (doc == null) {
      problems.add(field, "is empty.", "describe the signal or remove the entry.");
      return null;
    }
    String name = doc.name();
    if (name == null || name.isBlank()) {
      problems.add(field + ".name", "is required but missing.", "name it, e.g. name: errors.");
    } else if (!names.add(name)) {
      problems.add(
          field + ".name", "'" + name + "' is used twice.", "give every signal its own name.");
    }
    SignalKind kind = kind(doc.kind(), field + ".kind");
    SignalSource source = source(doc, field);
    if (kind == SignalKind.LEVEL && doc.max() == null) {
      problems.add(
          field + ".max",
          "is required for a level but missing.",
          "give the bound the level must stay under, e.g. max: 60.");
    }
    if (kind != SignalKind.LEVEL && kind != null && doc.max() != null) {
      problems.add(
          field + ".max",
          "only applies to a level, and this signal is a " + kind.word() + ".",
          "remove max, or write kind: level.");
    }
    if (doc.minEffect() != null && !(doc.minEffect() > 0 && doc.minEffect() < 100)) {
      problems.add(
          field + ".minEffect",
          "(" + doc.minEffect() + ") is not a positive fraction.",
          "write the smallest change that counts, relative to the baseline: 0.2 for 20%.");
    }
    if (name == null || kind == null || source == null) {
      return null;
    }
    return new SignalConfig(name, kind, source, doc.max(), doc.minEffect());
  }

  private SignalKind kind(String word, String field) {
    if (word == null) {
      problems.add(
          field,
          "is required but missing.",
          "write kind: rate (must not rise), ratio (must not fall), level (must stay under max)"
              + " or trend (must not keep growing).");
      return null;
    }
    return SignalKind.of(word)
        .orElseGet(
            () -> {
              problems.add(
                  field,
                  "'" + word + "' is not a kind of signal.",
                  "write rate, ratio, level or trend.");
              return null;
            });
  }

  private SignalSource source(ConfigDocument.Signal doc, String field) {
    int count =
        (doc.prometheus() == null ? 0 : 1)
            + (doc.metrics() == null ? 0 : 1)
            + (doc.json() == null ? 0 : 1);
    if (count != 1) {
      problems.add(
          field,
          count == 0 ? "declares no source." : "declares " + count + " sources.",
          "give exactly one of " + SOURCES + ".");
      return null;
    }
    if (doc.prometheus() != null) {
      String url =
          rules.url(
              doc.prometheus().url(),
              field + ".prometheus.url",
              "the Prometheus server, e.g. http://127.0.0.1:9090");
      String query =
          problems.require(
              doc.prometheus().query(),
              field + ".prometheus.query",
              "give a PromQL query giving one number, e.g. 'sum(rate(http_errors_total[1m]))'.");
      return new SignalSource.Prometheus(url, query);
    }
    if (doc.metrics() != null) {
      String url =
          rules.url(
              doc.metrics().url(),
              field + ".metrics.url",
              "the product's metrics page, e.g. http://127.0.0.1:8080/metrics");
      String metric =
          problems.require(
              doc.metrics().metric(),
              field + ".metrics.metric",
              "name the metric, e.g. metric: http_errors_total.");
      return new SignalSource.Metrics(url, metric, doc.metrics().labels());
    }
    String url =
        rules.url(
            doc.json().url(), field + ".json.url", "the endpoint answering the value in JSON");
    String path = rules.path(doc.json().path(), field + ".json.path", "$.queue.lagSeconds");
    return new SignalSource.Json(url, path);
  }

  private Duration positive(String text, String field, Duration fallback) {
    Duration value = problems.duration(text, field, fallback);
    if (value.isZero() || value.isNegative()) {
      problems.add(field, "must be longer than zero.", "write e.g. 30s, 10m or 2h.");
      return fallback;
    }
    return value;
  }
}
