package dev.lockstep.postgres.dump;

import dev.lockstep.core.config.BackupConfig.DumpFormat;

/**
 * How pg_dump writes.
 *
 * @param jobs parallel pg_dump jobs, used by the directory format only
 * @param compression {@code --compress} level 0 to 9, or null for pg_dump's default
 */
public record DumpOptions(DumpFormat format, int jobs, Integer compression) {

  public DumpOptions {
    format = format == null ? DumpFormat.DIRECTORY : format;
    jobs = Math.max(1, jobs);
  }
}
