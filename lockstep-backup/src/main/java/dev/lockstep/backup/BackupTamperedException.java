package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.nio.file.Path;
import java.util.List;

/** A backup's files no longer match the sha256 sums its manifest recorded. */
public final class BackupTamperedException extends LockstepException {
  private final String backupId;
  private final List<String> problems;

  public BackupTamperedException(String backupId, Path folder, List<String> problems) {
    super(
        ErrorCode.BACKUP_TAMPERED,
        "Backup "
            + backupId
            + " in "
            + folder
            + " has changed since it was written and must not be used:\n  - "
            + String.join("\n  - ", problems)
            + "\nFix: use another backup (lockstep backup list), or take a new one; do not edit"
            + " files inside a backup folder.");
    this.backupId = backupId;
    this.problems = List.copyOf(problems);
  }

  public String backupId() {
    return backupId;
  }

  /** One line per file that is missing, unexpected or changed, starting with its path. */
  public List<String> problems() {
    return problems;
  }
}
