package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a retention policy: the {@code keepLast} newest sets stay, every UPGRADE set of the
 * {@code keepRuns} newest runs stays, and the sets of unfinished runs (the caller's protected ids)
 * always stay. A set is deleted by renaming it to a temporary name first, so that a prune killed
 * midway never leaves a half-deleted set that still looks like a backup.
 */
final class Pruner {
  private final SetLayout layout;

  Pruner(SetLayout layout) {
    this.layout = layout;
  }

  PruneResult prune(
      List<BackupSummary> newestFirst,
      BackupConfig.Retention policy,
      Set<String> protectedIds,
      boolean dryRun) {
    Set<String> keep = new HashSet<>(protectedIds == null ? Set.of() : protectedIds);
    newestFirst.stream().limit(Math.max(0, policy.keepLast())).forEach(s -> keep.add(s.id()));
    Set<String> runs = new LinkedHashSet<>();
    for (BackupSummary summary : newestFirst) {
      if (summary.purpose() == BackupRequest.Purpose.UPGRADE && summary.runId() != null) {
        if (runs.size() < policy.keepRuns() || runs.contains(summary.runId())) {
          runs.add(summary.runId());
          keep.add(summary.id());
        }
      }
    }
    List<String> deleted = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    long bytesFreed = 0;
    for (BackupSummary summary : newestFirst) {
      if (keep.contains(summary.id())) {
        kept.add(summary.id());
        continue;
      }
      deleted.add(summary.id());
      bytesFreed += summary.totalBytes();
      if (!dryRun) {
        delete(summary.id());
      }
    }
    return new PruneResult(deleted, kept, bytesFreed);
  }

  private void delete(String id) {
    Path doomed = layout.root().resolve(id + ".pruned" + SetLayout.TEMPORARY);
    try {
      SecureFiles.deleteTree(doomed);
      Files.move(layout.folder(id), doomed, StandardCopyOption.ATOMIC_MOVE);
      SecureFiles.deleteTree(doomed);
    } catch (IOException | UncheckedIOException e) {
      throw new LockstepException(
          ErrorCode.BACKUP_FAILED,
          "Cannot delete backup "
              + id
              + " in "
              + layout.root()
              + ": "
              + e.getMessage()
              + ". Fix the folder's permissions and prune again.",
          e);
    }
  }
}
