package dev.lockstep.postgres.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code verification.json}: the outcome of restoring a backup into a scratch database.
 *
 * @param verified true only if the checksums matched, the restore succeeded, and every table has
 *     the rows the manifest recorded
 * @param problems what stopped it from being verified, one sentence each; empty when verified
 */
public record VerificationResult(
    String backupId,
    boolean verified,
    Instant verifiedAt,
    Duration duration,
    List<TableComparison> tables,
    List<String> problems) {

  public VerificationResult {
    tables = tables == null ? List.of() : List.copyOf(tables);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
