package dev.lockstep.engine.rehearsal;

import dev.lockstep.backup.BackupRequest;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.BackupSummary;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;

/** Finds the newest verified backup of the installed release; takes and verifies one if none. */
final class RehearsalBackupStep extends AbstractStep {
  static final String NAME = "rehearsal-backup";

  private final ScratchContext scratch;

  RehearsalBackupStep(ScratchContext scratch) {
    super(NAME, "Find a verified backup of " + scratch.current().version());
    this.scratch = scratch;
  }

  @Override
  public String run(RunFacts facts) {
    Toolbox tools = scratch.tools();
    String release = scratch.current().version().toString();
    for (BackupSummary backup : tools.backups().list()) {
      if (backup.verified() && release.equals(backup.release())) {
        facts.putAtStepEnd(RehearsalFacts.BACKUP, backup.id());
        return "backup " + backup.id() + " (verified)";
      }
    }
    tools.listener().notice("No verified backup of " + release + " yet: taking and verifying one.");
    BackupSet backup =
        tools
            .backups()
            .create(
                tools.config().stores(),
                new BackupRequest(null, release, BackupRequest.Purpose.ON_DEMAND));
    if (!tools.backups().verify(backup.id(), tools.config().stores()).verified()) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "The backup taken for the rehearsal did not verify: `lockstep backup verify "
              + backup.id()
              + "` says why.");
    }
    facts.putAtStepEnd(RehearsalFacts.BACKUP, backup.id());
    return "backup " + backup.id() + " taken and verified";
  }
}
