package dev.lockstep.cli.serve;

import dev.lockstep.cli.output.SignalSourceText;
import dev.lockstep.core.config.SignalKind;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.Sample;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A watch's report as {@code GET /api/runs/RUN/watch} answers it: {@link WatchReport} with each
 * signal's source by host only, since a signal's URL is a config value whose path or query may hold
 * a token (the {@code SecretRegistry} does not know it), and without {@code Optional}s.
 */
record WatchJson(
    String watchId,
    String runId,
    String release,
    String previousRelease,
    Instant startedAt,
    Instant plannedEnd,
    Instant endedAt,
    WatchStatus status,
    List<Signal> signals,
    List<WatchEvent> events,
    Instant pointOfNoReturn) {

  /** One signal: its config (the source masked), its samples, its latest judgement or null. */
  record Signal(
      String name,
      SignalKind kind,
      Source source,
      Double max,
      Double minEffect,
      List<Sample> baseline,
      List<Sample> watched,
      Judgement judgement) {}

  /**
   * Where a signal is read, by host: {@code type} is prometheus, metrics or json; the other fields
   * are those of that type, null for the others.
   */
  record Source(
      String type,
      String host,
      String description,
      String query,
      String metric,
      Map<String, String> labels,
      String path) {

    static Source of(SignalSource source) {
      String host = SignalSourceText.host(source.url());
      String description = SignalSourceText.describe(source);
      if (source instanceof SignalSource.Metrics metrics) {
        return new Source(
            "metrics", host, description, null, metrics.metric(), metrics.labels(), null);
      }
      if (source instanceof SignalSource.Json json) {
        return new Source("json", host, description, null, null, null, json.path());
      }
      SignalSource.Prometheus prometheus = (SignalSource.Prometheus) source;
      return new Source("prometheus", host, description, prometheus.query(), null, null, null);
    }
  }

  static WatchJson of(WatchReport watch) {
    return new WatchJson(
        watch.watchId(),
        watch.runId(),
        watch.release(),
        watch.previousRelease(),
        watch.startedAt(),
        watch.plannedEnd(),
        watch.endedAt().orElse(null),
        watch.status(),
        watch.signals().stream().map(WatchJson::signal).toList(),
        watch.events(),
        watch.pointOfNoReturn().orElse(null));
  }

  private static Signal signal(SignalTrace trace) {
    return new Signal(
        trace.signal().name(),
        trace.signal().kind(),
        Source.of(trace.signal().source()),
        trace.signal().max(),
        trace.signal().minEffect(),
        trace.baseline(),
        trace.watched(),
        trace.judgement());
  }
}
