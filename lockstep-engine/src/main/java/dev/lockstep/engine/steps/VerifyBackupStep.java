package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.postgres.backup.VerificationResult;

/**
 * Proves the backup restores: checksums, then a real restore into a scratch database compared table
 * by table. A backup that was never restored is not called verified.
 */
public final class VerifyBackupStep extends AbstractStep {
  public static final String NAME = "verify-backup";
  private static final String DESCRIPTION =
      "Verify the backup by restoring it into a scratch database";

  private final Toolbox tools;

  public VerifyBackupStep(Toolbox tools) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
  }

  @Override
  public String run(RunFacts facts) {
    String backupId = facts.get(RunFacts.BACKUP_ID).orElseThrow(() -> missingBackup(facts));
    VerificationResult result = tools.backups().verify(backupId, tools.config().database());
    if (!result.verified()) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "Backup "
              + backupId
              + " did not restore to the same data: "
              + String.join("; ", result.problems())
              + ". Nothing was changed; investigate the backup before upgrading.");
    }
    facts.put(RunFacts.BACKUP_VERIFIED, result.verifiedAt().toString());
    long rows = result.tables().stream().mapToLong(t -> t.restoredRows()).sum();
    return "backup "
        + backupId
        + " verified: "
        + result.tables().size()
        + " tables, "
        + rows
        + " rows restored and compared";
  }

  private static LockstepException missingBackup(RunFacts facts) {
    return new LockstepException(
        ErrorCode.INTERNAL, "Run " + facts.runId() + " has no backup recorded to verify.");
  }
}
