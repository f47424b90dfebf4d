package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalSource;
import java.time.Clock;

/** The reader of each kind of signal source. */
public final class SignalReaders {
  private SignalReaders() {}

  /** The reader of {@code signal}'s source; a metrics page's counter is a rate by the clock. */
  public static SignalReader of(SignalConfig signal, Clock clock) {
    SignalSource source = signal.source();
    if (source instanceof SignalSource.Prometheus prometheus) {
      return new PrometheusReader(signal.name(), prometheus);
    }
    if (source instanceof SignalSource.Metrics metrics) {
      return new MetricsScrapeReader(signal.name(), metrics, clock);
    }
    return new JsonReader(signal.name(), (SignalSource.Json) source);
  }

  public static SignalReader of(SignalConfig signal) {
    return of(signal, Clock.systemUTC());
  }
}
