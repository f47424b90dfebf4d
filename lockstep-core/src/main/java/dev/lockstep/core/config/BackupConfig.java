package dev.lockstep.core.config;

import java.nio.file.Path;

/**
 * Where and how the pre-upgrade backup is written.
 *
 * @param dir the folder holding one sub-folder per backup (defaults to {@code <stateDir>/backups})
 * @param format {@code custom} (one compressed file) or {@code directory} (one file per table,
 *     dumped in parallel)
 * @param jobs parallel jobs for the directory format
 */
public record BackupConfig(Path dir, DumpFormat format, int jobs) {

  public enum DumpFormat {
    CUSTOM,
    DIRECTORY
  }
}
