package dev.lockstep.engine.steps;

import dev.lockstep.backup.PartVerification;
import dev.lockstep.backup.VerificationResult;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.util.stream.Collectors;

/**
 * Proves the backup restores: checksums, then a real restore of every part into a scratch place
 * compared with the manifest. A backup that was never restored is not called verified, and an
 * unverified backup stops the upgrade unless the operator overrode it (which is recorded).
 */
public final class VerifyBackupStep extends AbstractStep {
  public static final String NAME = "verify-backup";
  private static final String DESCRIPTION =
      "Verify the backup by restoring every part into a scratch place";

  private final Toolbox tools;
  private final String override;

  /**
   * @param override why the operator accepts an unverified backup, or null
   */
  public VerifyBackupStep(Toolbox tools, String override) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
    this.override = override;
  }

  @Override
  public String run(RunFacts facts) {
    String backupId =
        facts
            .get(RunFacts.BACKUP_ID)
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.INTERNAL, "Run " + facts.runId() + " has no backup to verify."));
    VerificationResult result = tools.backups().verify(backupId, tools.config().stores());
    if (result.verified()) {
      facts.putAtStepEnd(RunFacts.BACKUP_VERIFIED, result.verifiedAt().toString());
      // The backup's id is the run's (its report and the backup step's notice name it once).
      return "verified: " + summary(result);
    }
    String problems = String.join("; ", result.problems());
    if (override == null) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "Backup "
              + backupId
              + " is not verified: "
              + problems
              + ". Nothing was changed. Fix the cause, or, knowing that a rollback may then be"
              + " impossible, run again with --accept-unverified-backup \"<why>\".");
    }
    facts.putAtStepEnd(RunFacts.VERIFICATION_OVERRIDE, override);
    tools
        .listener()
        .notice(
            "Backup "
                + backupId
                + " is NOT verified ("
                + problems
                + "); continuing because the operator said: "
                + override);
    return "NOT verified, accepted by the operator: " + override;
  }

  private static String summary(VerificationResult result) {
    return result.parts().stream()
        .map(VerifyBackupStep::describe)
        .collect(Collectors.joining(", "));
  }

  private static String describe(PartVerification part) {
    if (part.tables().isEmpty()) {
      return part.store();
    }
    long rows = part.tables().stream().mapToLong(t -> t.restoredRows()).sum();
    return part.store() + " (" + part.tables().size() + " tables, " + rows + " rows compared)";
  }
}
