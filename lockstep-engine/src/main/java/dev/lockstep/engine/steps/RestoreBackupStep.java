package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.yaml.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * Restores the run's verified backup over the product's database. Writes made since the backup are
 * lost, so the window is announced before the restore starts.
 */
public final class RestoreBackupStep extends AbstractStep {
  public static final String NAME = "restore-backup";
  private static final String DESCRIPTION = "Restore the database from this run's verified backup";

  private final Toolbox tools;

  public RestoreBackupStep(Toolbox tools) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
  }

  @Override
  public String run(RunFacts facts) {
    String backupId =
        facts
            .get(RunFacts.BACKUP_ID)
            .filter(id -> facts.get(RunFacts.BACKUP_VERIFIED).isPresent())
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.ROLLBACK_FAILED,
                        "Run " + facts.runId() + " has no verified backup to restore."));
    refuseWhileServicesRun();
    Instant takenAt = facts.instant(RunFacts.BACKUP_CREATED_AT).orElseThrow();
    Duration window = Duration.between(takenAt, tools.clock().instant());
    facts.putIfAbsent(RunFacts.DATA_LOSS_WINDOW, window.toString());
    tools
        .listener()
        .notice(
            "Restoring backup "
                + backupId
                + " taken at "
                + takenAt
                + " ("
                + Durations.format(window)
                + " ago): writes made since then are lost.");
    tools.backups().restore(backupId, tools.config().database());
    facts.put(RunFacts.RESTORED_AT, tools.clock().instant().toString());
    return "restored backup " + backupId + " (data-loss window " + Durations.format(window) + ")";
  }

  private void refuseWhileServicesRun() {
    for (ServiceConfig service : tools.config().services().values()) {
      if (tools.target().status(service).anyRunning()) {
        throw new LockstepException(
            ErrorCode.RESTORE_REFUSED,
            "Service "
                + service.name()
                + " is still running; the database is not restored under it.");
      }
    }
  }
}
