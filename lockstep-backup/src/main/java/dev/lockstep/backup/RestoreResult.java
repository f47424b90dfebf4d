package dev.lockstep.backup;

import java.time.Duration;
import java.util.List;

/** A finished restore: the stores that now hold what the backup held, in the order restored. */
public record RestoreResult(String backupId, List<String> stores, Duration duration) {

  public RestoreResult {
    stores = List.copyOf(stores);
  }
}
