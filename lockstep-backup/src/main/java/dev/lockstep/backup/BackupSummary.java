package dev.lockstep.backup;

import java.time.Instant;
import java.util.List;

/**
 * One line of {@code lockstep backup list}.
 *
 * @param stores the stores in the set, in the order they were backed up
 * @param verified whether the last verification restored every part and found it identical; false
 *     if it was never verified
 * @param verifiedAt when it was verified, or null unless {@code verified}
 */
public record BackupSummary(
    String id,
    Instant createdAt,
    String runId,
    String release,
    BackupRequest.Purpose purpose,
    long totalBytes,
    List<String> stores,
    boolean verified,
    Instant verifiedAt) {

  public BackupSummary {
    stores = stores == null ? List.of() : List.copyOf(stores);
  }
}
