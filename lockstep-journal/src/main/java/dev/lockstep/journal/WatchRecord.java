package dev.lockstep.journal;

import java.time.Instant;

/**
 * The watch after one upgrade, as journaled.
 *
 * @param runId the upgrade it watches: one watch per upgrade, continued after a restart
 * @param release the release it watches
 * @param previous the release before it, which a revert goes back to; null after an install
 * @param endsAt when it stops sampling, its duration after it started
 * @param endedAt when it finished, or null while it watches
 * @param ownerPid the Lockstep process sampling; a dead owner means the watch was killed
 * @param ownerStart that process's start time, so a reused pid is not taken for the owner
 * @param summary one line on how it ended, or null while it watches
 */
public record WatchRecord(
    String runId,
    String release,
    String previous,
    WatchStatus status,
    Instant startedAt,
    Instant endsAt,
    Instant endedAt,
    long ownerPid,
    Instant ownerStart,
    String summary) {

  /** True when the watch is unfinished and the process sampling it no longer exists. */
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
