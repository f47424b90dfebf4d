package dev.lockstep.core.report;

import java.time.Duration;
import java.util.List;

/**
 * How a run was undone.
 *
 * @param reason the decision's reason in one line: {@code proven} then {@code inferred}
 * @param proven what was observed or measured and led to this rollback (a failed check, a
 *     rehearsal, the schema change measured)
 * @param inferred what was concluded without being seen (a migration's declared class, that the
 *     previous release cannot run on the schema)
 * @param restoredFrom what the databases were put back from, as it was done: {@code snapshot swap},
 *     {@code backup ID}, both, or null when nothing was restored
 * @param dataLossWindow for a restore: the time between the backup and the restore, during which
 *     writes are lost
 * @param kept the databases the restore replaced, kept aside with what the failed release wrote
 */
public record RollbackReport(
    String strategy,
    String description,
    String reason,
    List<String> proven,
    List<String> inferred,
    String restoredFrom,
    String backupId,
    Duration dataLossWindow,
    Duration duration,
    List<KeptDatabase> kept) {

  public RollbackReport {
    proven = proven == null ? List.of() : List.copyOf(proven);
    inferred = inferred == null ? List.of() : List.copyOf(inferred);
    kept = kept == null ? List.of() : List.copyOf(kept);
  }
}
