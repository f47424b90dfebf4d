package dev.lockstep.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One backup of every state store, taken together under one id: what a set's {@code manifest.json}
 * describes (on disk as a {@link BackupManifestFile}).
 *
 * @param runId the upgrade run that took it, or null
 * @param release the release running when it was taken, or null
 * @param encrypted whether every stored file is encrypted (the key is never recorded)
 * @param totalBytes the size of every part's files
 */
public record BackupSet(
    String id,
    Instant createdAt,
    String runId,
    String release,
    BackupRequest.Purpose purpose,
    boolean encrypted,
    long totalBytes,
    List<BackupPart> parts) {

  public BackupSet {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  public Optional<BackupPart> part(String store) {
    return parts.stream().filter(p -> p.store().equals(store)).findFirst();
  }
}
