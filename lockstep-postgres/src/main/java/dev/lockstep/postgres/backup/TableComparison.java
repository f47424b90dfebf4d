package dev.lockstep.postgres.backup;

/** One table's rows: as the manifest recorded them at backup time, and after a restore. */
public record TableComparison(String table, long expectedRows, long restoredRows) {

  public boolean matches() {
    return expectedRows == restoredRows;
  }
}
