package dev.lockstep.core.config;

import dev.lockstep.core.api.Secret;
import java.nio.file.Path;

/**
 * Where and how backups are written.
 *
 * @param dir the folder holding one sub-folder per backup (defaults to {@code <stateDir>/backups})
 * @param format {@code directory} (one file per table, dumped and restored in parallel) or {@code
 *     custom} (one file)
 * @param jobs parallel jobs of {@code pg_dump}/{@code pg_restore} for the directory format
 * @param compression 0 (none) to 9; null leaves each tool's default
 * @param encryptionKey a 256-bit key: backup files are encrypted at rest (AES-256-GCM) when set
 * @param snapshot whether each PostgreSQL database is also copied on the server (CREATE DATABASE …
 *     TEMPLATE) while the services are stopped, so that a rollback swaps databases in seconds
 *     instead of restoring
 */
public record BackupConfig(
    Path dir,
    DumpFormat format,
    int jobs,
    Integer compression,
    Secret encryptionKey,
    boolean snapshot,
    Retention retention) {

  public enum DumpFormat {
    CUSTOM,
    DIRECTORY
  }

  /**
   * What {@code lockstep backup prune} keeps.
   *
   * @param keepLast the newest backups kept whatever they are
   * @param keepRuns the pre-upgrade backups of this many latest runs are kept
   */
  public record Retention(int keepLast, int keepRuns) {}

  public boolean encrypted() {
    return encryptionKey != null;
  }
}
