package dev.lockstep.journal;

import java.time.Instant;

/**
 * One run as journaled.
 *
 * @param fromVersion the release installed when it started, or null for a first install
 * @param ownerPid the Lockstep process driving it; a dead owner means Lockstep crashed
 * @param ownerStart that process's start time, so a reused pid is not taken for the owner
 */
public record RunRecord(
    String id,
    RunKind kind,
    String environment,
    String fromVersion,
    String toVersion,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    long ownerPid,
    Instant ownerStart,
    String summary) {

  /** True when the run is unfinished and the process that drove it no longer exists. */
  public boolean orphaned() {
    if (status.finished()) {
      return false;
    }
    return ProcessHandle.of(ownerPid)
        .flatMap(handle -> handle.info().startInstant())
        .map(start -> !start.equals(ownerStart))
        .orElse(true);
  }
}
