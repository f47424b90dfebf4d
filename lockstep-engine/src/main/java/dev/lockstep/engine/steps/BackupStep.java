package dev.lockstep.engine.steps;

import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.backup.BackupManifest;
import dev.lockstep.postgres.backup.BackupRequest;

/** Backs up the database before anything is touched, tagged with the release it belongs to. */
public final class BackupStep extends AbstractStep {
  public static final String NAME = "backup";
  private static final String DESCRIPTION = "Back up the database";

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
    BackupConfig settings = tools.config().backup();
    BackupManifest backup =
        tools
            .backups()
            .create(
                tools.config().database(),
                new BackupRequest(
                    facts.runId(),
                    installed == null ? null : installed.version().toString(),
                    settings.format(),
                    settings.jobs()));
    facts.put(RunFacts.BACKUP_ID, backup.id());
    facts.put(RunFacts.BACKUP_CREATED_AT, backup.createdAt().toString());
    tools.listener().notice("Backup " + backup.id() + " written to " + tools.config().backupsDir());
    return "backup "
        + backup.id()
        + " ("
        + Bytes.format(backup.totalBytes())
        + ", "
        + backup.tableRows().size()
        + " tables)";
  }
}
