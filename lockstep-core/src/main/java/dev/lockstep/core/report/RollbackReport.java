package dev.lockstep.core.report;

import java.time.Duration;

/**
 * How a run was undone.
 *
 * @param dataLossWindow for a restore: the time between the backup and the restore, during which
 *     writes are lost
 */
public record RollbackReport(
    String strategy,
    String description,
    String reason,
    String backupId,
    Duration dataLossWindow,
    Duration duration) {}
