package dev.lockstep.postgres.backup;

import dev.lockstep.core.config.BackupConfig;

/**
 * What to back up with.
 *
 * @param runId the upgrade run that takes the backup, or null for a backup taken by hand
 * @param release the release running when the backup was taken, or null when unknown
 * @param jobs parallel pg_dump jobs, used by the directory format only
 */
public record BackupRequest(
    String runId, String release, BackupConfig.DumpFormat format, int jobs) {

  public BackupRequest {
    if (format == null) {
      format = BackupConfig.DumpFormat.CUSTOM;
    }
    jobs = Math.max(1, jobs);
  }
}
