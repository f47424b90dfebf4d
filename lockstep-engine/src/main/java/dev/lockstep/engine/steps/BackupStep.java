package dev.lockstep.engine.steps;

import dev.lockstep.backup.BackupRequest;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.core.manifest.ReleaseManifest;

/**
 * Backs up every state store (databases, file trees, dump commands) into one set before anything is
 * touched, tagged with the release it belongs to.
 */
public final class BackupStep extends AbstractStep {
  public static final String NAME = "backup";
  private static final String DESCRIPTION = "Back up every state store";

  private final Toolbox tools;
  private final ReleaseManifest installed;

  /**
   * @param installed the release the backup belongs to, null on a first install
   */
  public BackupStep(Toolbox tools, ReleaseManifest installed) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
    this.installed = installed;
  }

  @Override
  public String run(RunFacts facts) {
    BackupSet backup =
        tools
            .backups()
            .create(
                tools.config().stores(),
                new BackupRequest(
                    facts.runId(),
                    installed == null ? null : installed.version().toString(),
                    BackupRequest.Purpose.UPGRADE));
    facts.putAtStepEnd(RunFacts.BACKUP_ID, backup.id());
    facts.putAtStepEnd(RunFacts.BACKUP_CREATED_AT, backup.createdAt().toString());
    tools.listener().notice("Backup " + backup.id() + " written to " + tools.config().backupsDir());
    // The id is in the notice above and in the run's report, once each.
    return Bytes.format(backup.totalBytes())
        + ", "
        + backup.parts().size()
        + " store"
        + (backup.parts().size() == 1 ? "" : "s")
        + (backup.encrypted() ? ", encrypted" : "");
  }
}
