package dev.lockstep.backup;

import java.util.Objects;

/**
 * One table: as the manifest recorded it at backup time, and as a restore produced it. A table
 * missing on one side has 0 rows and a null hash there.
 */
public record TableComparison(
    String table, long expectedRows, long restoredRows, String expectedHash, String restoredHash) {

  public boolean matches() {
    return expectedRows == restoredRows && Objects.equals(expectedHash, restoredHash);
  }
}
