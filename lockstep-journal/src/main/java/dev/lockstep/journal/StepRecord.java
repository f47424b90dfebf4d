package dev.lockstep.journal;

import java.time.Duration;
import java.time.Instant;

/** One step of a run as journaled; {@code endedAt} is null while it runs (or if Lockstep died). */
public record StepRecord(
    String runId,
    int seq,
    String name,
    Phase phase,
    StepStatus status,
    Instant startedAt,
    Instant endedAt,
    String detail) {

  public Duration duration() {
    return endedAt == null ? null : Duration.between(startedAt, endedAt);
  }
}
