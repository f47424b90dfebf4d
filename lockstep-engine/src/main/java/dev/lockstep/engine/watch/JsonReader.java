package dev.lockstep.engine.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.config.JsonPathPointer;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.engine.http.HttpGet;
import dev.lockstep.engine.http.HttpJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** A signal read from an HTTP endpoint answering JSON: the number at a JSON path. No history. */
final class JsonReader implements SignalReader {
  private final String signal;
  private final SignalSource.Json source;

  JsonReader(String signal, SignalSource.Json source) {
    this.signal = signal;
    this.source = source;
  }

  @Override
  public OptionalDouble read() {
    HttpJson.Answer answer = HttpJson.get(source.url());
    if (answer.failed()) {
      throw new SignalReadException(
          signal,
          answer.error(),
          "check that the endpoint is up and that its url is right (it must answer GET with JSON)");
    }
    JsonNode value =
        answer
            .json()
            .at(
                JsonPathPointer.of(source.path())
                    .orElseThrow(
                        () -> new IllegalStateException("unchecked path " + source.path())));
    String asked = "GET " + HttpGet.where(source.url());
    if (value.isMissingNode()) {
      throw new SignalReadException(
          signal,
          asked + " answered no " + source.path(),
          "write the path of the number in what the endpoint answers");
    }
    if (!value.isNumber()) {
      throw new SignalReadException(
          signal,
          asked + " answered " + source.path() + " = " + abridged(value) + ", not a number",
          "write the path of a number (not of a string, an object or a list)");
    }
    return OptionalDouble.of(value.doubleValue());
  }

  @Override
  public List<Sample> history(Instant from, Instant to, Duration step) {
    return List.of();
  }

  private static String abridged(JsonNode value) {
    String text = value.toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
