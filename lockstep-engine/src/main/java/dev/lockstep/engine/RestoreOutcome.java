package dev.lockstep.engine;

import dev.lockstep.backup.RestoreResult;

/**
 * What {@code lockstep backup restore} did.
 *
 * @param safetyBackupId the backup of the state the restore replaced, taken just before it
 */
public record RestoreOutcome(RestoreResult restore, String safetyBackupId) {}
