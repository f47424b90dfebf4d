package dev.lockstep.backup;

import java.util.List;

/**
 * What pruning removed (or, in a dry run, would remove), newest first.
 *
 * @param bytesFreed the size of the deleted sets' files
 */
public record PruneResult(List<String> deleted, List<String> kept, long bytesFreed) {

  public PruneResult {
    deleted = List.copyOf(deleted);
    kept = List.copyOf(kept);
  }
}
