package dev.lockstep.engine;

import dev.lockstep.core.report.KeptDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code lockstep rollback} would do now, worked out without touching anything.
 *
 * @param resumesRun set when an interrupted run or a failed rollback is waiting: the rollback then
 *     finishes that run instead, and the other fields describe it only as far as it recorded
 * @param undoesRun the upgrade that would be undone
 * @param restoreFrom for a rollback that restores (or may have to): {@code snapshot swap} or {@code
 *     backup ID}, else null
 * @param since the point the databases would go back to; writes after it are lost from the live
 *     database (null when nothing is restored)
 * @param dataLossWindow from {@code since} to now: the writes lost if the rollback ran now
 * @param kept the databases the restore would keep aside, with what they hold now
 */
public record RollbackPreview(
    String resumesRun,
    String undoesRun,
    String from,
    String to,
    String strategy,
    String description,
    String reason,
    List<String> proven,
    List<String> inferred,
    String restoreFrom,
    Instant since,
    Duration dataLossWindow,
    List<KeptDatabase> kept) {

  public RollbackPreview {
    proven = proven == null ? List.of() : List.copyOf(proven);
    inferred = inferred == null ? List.of() : List.copyOf(inferred);
    kept = kept == null ? List.of() : List.copyOf(kept);
  }
}
