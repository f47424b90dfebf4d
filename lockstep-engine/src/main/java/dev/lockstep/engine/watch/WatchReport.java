package dev.lockstep.engine.watch;

import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A watch after an upgrade, as its report shows it: the releases, the clock, where it stands, every
 * signal with its samples and latest judgement, and what the watch did.
 *
 * @param watchId this watch's id
 * @param runId the upgrade run it follows
 * @param release the release watched, installed by that run
 * @param previousRelease the release before it, which a revert goes back to; null on a first
 *     install
 * @param startedAt when the watch started, the upgrade done
 * @param plannedEnd when it ends if nothing ends it sooner
 * @param endedAt when it ended; empty while it runs
 * @param status where it stands
 * @param signals every watched signal, in the config's order
 * @param events what the watch did, oldest first
 * @param pointOfNoReturn when a contract migration ran, if one did: from then on a rollback means
 *     restoring the database, and the writes since the backup are lost
 */
public record WatchReport(
    String watchId,
    String runId,
    String release,
    String previousRelease,
    Instant startedAt,
    Instant plannedEnd,
    Optional<Instant> endedAt,
    WatchStatus status,
    List<SignalTrace> signals,
    List<WatchEvent> events,
    Optional<Instant> pointOfNoReturn) {
  public WatchReport {
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    signals = signals == null ? List.of() : List.copyOf(signals);
    events = events == null ? List.of() : List.copyOf(events);
    pointOfNoReturn = pointOfNoReturn == null ? Optional.empty() : pointOfNoReturn;
  }
}
