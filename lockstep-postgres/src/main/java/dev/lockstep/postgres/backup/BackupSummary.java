package dev.lockstep.postgres.backup;

import java.time.Instant;

/**
 * One line of {@code lockstep backup list}.
 *
 * @param verified whether the last verification restored it and found every row; false if it was
 *     never verified
 * @param verifiedAt when it was verified, or null unless {@code verified}
 */
public record BackupSummary(
    String id,
    Instant createdAt,
    String runId,
    String release,
    String database,
    long totalBytes,
    boolean verified,
    Instant verifiedAt) {}
