package dev.lockstep.engine.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.http.HttpJson;
import dev.lockstep.engine.http.PrometheusApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A signal read from a Prometheus server: its query as an instant query now, and as a range query
 * for the baseline. The query must give one number: a scalar or a one-element vector. NaN (a ratio
 * with nothing to divide) is nothing to read.
 */
final class PrometheusReader implements SignalReader {
  private static final String FIX =
      "check that Prometheus is up, that url is its base URL (e.g. http://127.0.0.1:9090) and that"
          + " the query is PromQL it accepts";

  private final String signal;
  private final SignalSource.Prometheus source;

  PrometheusReader(String signal, SignalSource.Prometheus source) {
    this.signal = signal;
    this.source = source;
  }

  @Override
  public OptionalDouble read() {
    JsonNode data = answered(PrometheusApi.query(source.url(), source.query()));
    String type = data.path("resultType").asText();
    if (type.equals("scalar")) {
      return number(data.path("result"));
    }
    if (!type.equals("vector")) {
      throw new SignalReadException(
          signal,
          PrometheusApi.named(source.url()) + " answered a " + type + ", not one number",
          "write a query that gives a scalar or one sample, without a range such as [5m] at its"
              + " end");
    }
    JsonNode result = oneSeries(data.path("result"));
    return result == null ? OptionalDouble.empty() : number(result.path("value"));
  }

  @Override
  public List<Sample> history(Instant from, Instant to, Duration step) {
    JsonNode data =
        answered(PrometheusApi.queryRange(source.url(), source.query(), from, to, step));
    JsonNode series = oneSeries(data.path("result"));
    List<Sample> samples = new ArrayList<>();
    if (series == null) {
      return samples;
    }
    for (JsonNode pair : series.path("values")) {
      OptionalDouble value = number(pair);
      if (value.isPresent()) {
        samples.add(new Sample(instant(pair.get(0).asDouble()), value.getAsDouble()));
      }
    }
    return samples;
  }

  private JsonNode answered(HttpJson.Answer answer) {
    if (answer.failed()) {
      throw new SignalReadException(signal, answer.error(), FIX);
    }
    return answer.json();
  }

  /** The only series of a vector or matrix; null when there is none yet. */
  private JsonNode oneSeries(JsonNode result) {
    if (result.size() > 1) {
      throw new SignalReadException(
          signal,
          PrometheusApi.named(source.url())
              + " answered "
              + result.size()
              + " series, not one (query "
              + source.query()
              + ")",
          "aggregate them into one, e.g. sum(" + source.query() + ")");
    }
    return result.size() == 0 ? null : result.get(0);
  }

  private OptionalDouble number(JsonNode pair) {
    Double value = PrometheusApi.value(pair);
    if (value == null) {
      throw new SignalReadException(
          signal,
          PrometheusApi.named(source.url())
              + " answered the value "
              + (pair.isArray() && pair.size() == 2 ? pair.get(1) : pair)
              + ", not a number",
          "check that url is Prometheus's HTTP API");
    }
    return value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  private static Instant instant(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }
}
