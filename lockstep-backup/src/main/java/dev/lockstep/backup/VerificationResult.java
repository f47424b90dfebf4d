package dev.lockstep.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code verification.json}: the outcome of restoring every part of a set into scratch places.
 *
 * @param verified true only if the checksums matched and every part restored and matched its
 *     manifest
 * @param problems every reason it is not verified, one sentence each, naming the store; empty when
 *     verified
 */
public record VerificationResult(
    String backupId,
    boolean verified,
    Instant verifiedAt,
    Duration duration,
    List<PartVerification> parts,
    List<String> problems) {

  public VerificationResult {
    parts = parts == null ? List.of() : List.copyOf(parts);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
