package dev.lockstep.core.yaml;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Gathers every problem of one file so the user sees them all at once, not one per attempt. */
public final class ProblemCollector {
  private final Path file;
  private final ErrorCode errorCode;
  private final List<Problem> problems = new ArrayList<>();

  public ProblemCollector(Path file, ErrorCode errorCode) {
    this.file = file;
    this.errorCode = errorCode;
  }

  public void add(String field, String message, String fix) {
    problems.add(new Problem(file, field, message, fix));
  }

  /** Returns {@code value}, or records that the required field is missing. */
  public <T> T require(T value, String field, String fix) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      add(field, "is required but missing.", fix);
    }
    return value;
  }

  public Duration duration(String text, String field, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    if (Durations.isTooLong(text)) {
      add(
          field,
          "'"
              + text
              + "' is longer than the longest duration Lockstep accepts, "
              + Durations.MAX_TEXT
              + " (365 days).",
          "write a duration of at most " + Durations.MAX_TEXT + ", e.g. 30s, 10m or 2h.");
      return fallback;
    }
    return Durations.parse(text)
        .orElseGet(
            () -> {
              add(
                  field,
                  "'" + text + "' is not a duration.",
                  "write it as a number and a unit: 500ms, 30s, 2m or 1h.");
              return fallback;
            });
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws every gathered problem as one {@link BadInputException}, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new BadInputException(errorCode, problems);
    }
  }
}
