package dev.lockstep.core.report;

import java.time.Instant;
import java.util.List;

/**
 * Which rollback {@code lockstep rollback} would apply after a successful upgrade, as the facts
 * stood when the upgrade ended: decided then, by the rules a failing upgrade's rollback follows,
 * and recorded in the journal, so that a report rebuilt later says the same.
 *
 * @param strategy as {@link RollbackReport#strategy()}: {@code revert_services}, {@code
 *     revert_services_on_new_schema} or {@code restore_backup}
 * @param reason the decision's reason in one line: {@code proven} then {@code inferred}
 * @param proven what the decision rests on that was seen (the history table, the schema measured)
 * @param inferred what it concludes without having seen it (a migration's declared class)
 * @param restoreFrom what a restore would put the databases back from: {@code snapshot swap},
 *     {@code backup ID} or both; for a revert on the new schema, what it falls back to if the
 *     previous release fails its checks there; null when nothing can be restored
 * @param backupId the upgrade's verified backup, when a restore may be needed
 * @param dataLossSince the moment a restore goes back to: writes made after it would be lost from
 *     the live database (the replaced database is kept); null when nothing would be restored
 */
public record RollbackNow(
    String strategy,
    String description,
    String reason,
    List<String> proven,
    List<String> inferred,
    String restoreFrom,
    String backupId,
    Instant dataLossSince) {

  public RollbackNow {
    proven = proven == null ? List.of() : List.copyOf(proven);
    inferred = inferred == null ? List.of() : List.copyOf(inferred);
  }

  /** True when the rollback would rewind the databases, losing the writes since {@code since}. */
  public boolean restores() {
    return "restore_backup".equals(strategy);
  }
}
