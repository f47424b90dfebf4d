package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.postgres.backup.BackupManifest;
import dev.lockstep.postgres.backup.BackupRequest;
import dev.lockstep.postgres.backup.BackupSummary;
import dev.lockstep.postgres.backup.RestoreResult;
import dev.lockstep.postgres.backup.VerificationResult;
import java.util.List;
import java.util.function.Supplier;

/** {@code lockstep backup create|list|verify|restore} for one deployment. */
public final class DeploymentBackups {
  /** Runs work while holding the deployment's state-folder lock. */
  interface StateLocking {
    <T> T locked(Supplier<T> work);
  }

  private final DeploymentConfig config;
  private final Supplier<Journal> journal;
  private final Toolbox tools;
  private final StateLocking locking;

  DeploymentBackups(
      DeploymentConfig config, Supplier<Journal> journal, Toolbox tools, StateLocking locking) {
    this.config = config;
    this.journal = journal;
    this.tools = tools;
    this.locking = locking;
  }

  /** An on-demand backup, tagged with the installed release. */
  public BackupManifest create() {
    return locked(
        () ->
            tools
                .backups()
                .create(
                    config.database(),
                    new BackupRequest(
                        null,
                        journal.get().installed().map(Installed::version).orElse(null),
                        config.backup().format(),
                        config.backup().jobs())));
  }

  public List<BackupSummary> list() {
    return tools.backups().list();
  }

  public VerificationResult verify(String id) {
    return locked(() -> tools.backups().verify(id, config.database()));
  }

  /** Restores a backup over the product's database; refuses while any service runs. */
  public RestoreResult restore(String id) {
    return locked(
        () -> {
          tools.backups().get(id);
          for (ServiceConfig service : config.services().values()) {
            if (tools.target().status(service).anyRunning()) {
              throw new LockstepException(
                  ErrorCode.RESTORE_REFUSED,
                  "Service "
                      + service.name()
                      + " is running; a restore under a running service would corrupt what it"
                      + " writes. Nothing was touched. Stop every service first, then run"
                      + " `lockstep backup restore "
                      + id
                      + "` again.");
            }
          }
          return tools.backups().restore(id, config.database());
        });
  }

  private <T> T locked(Supplier<T> work) {
    return locking.locked(work);
  }
}
