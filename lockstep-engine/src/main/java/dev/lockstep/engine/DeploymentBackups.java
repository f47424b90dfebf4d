package dev.lockstep.engine;

import dev.lockstep.backup.BackupRequest;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.BackupSummary;
import dev.lockstep.backup.PruneResult;
import dev.lockstep.backup.VerificationResult;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.engine.run.SnapshotJanitor;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/** {@code lockstep backup create|list|verify|restore|prune} for one deployment. */
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

  /** An on-demand backup of every store, tagged with the installed release. */
  public BackupSet create() {
    return locking.locked(() -> backUp(BackupRequest.Purpose.ON_DEMAND));
  }

  public List<BackupSummary> list() {
    return tools.backups().list();
  }

  public VerificationResult verify(String id) {
    return locking.locked(() -> tools.backups().verify(id, config.stores()));
  }

  /**
   * Restores a backup over every store. Refused while any service runs, and for a backup of another
   * release than the installed one unless {@code allowOtherRelease}; the current state is backed up
   * first, so the restore itself can be undone.
   */
  public RestoreOutcome restore(String id, boolean allowOtherRelease) {
    return locking.locked(
        () -> {
          BackupSet backup = tools.backups().get(id);
          refuseWhileServicesRun(id);
          String installed = installed();
          if (!allowOtherRelease
              && backup.release() != null
              && installed != null
              && !Objects.equals(backup.release(), installed)) {
            throw new LockstepException(
                ErrorCode.RESTORE_REFUSED,
                "Backup "
                    + id
                    + " was taken on release "
                    + backup.release()
                    + ", but "
                    + installed
                    + " is installed: "
                    + installed
                    + "'s services would start on "
                    + backup.release()
                    + "'s data and schema. Nothing was touched. To go back to "
                    + backup.release()
                    + ", use `lockstep rollback`; if you know "
                    + installed
                    + " works on it, pass --allow-other-release.");
          }
          BackupSet safety = backUp(BackupRequest.Purpose.SAFETY);
          tools
              .listener()
              .notice(
                  "Backed up the current state first, as "
                      + safety.id()
                      + ": `lockstep backup restore "
                      + safety.id()
                      + "` undoes this restore.");
          return new RestoreOutcome(tools.backups().restore(id, config.stores()), safety.id());
        });
  }

  /**
   * Deletes backups the retention policy does not keep, never one of a run that has not finished
   * (or whose rollback failed), and drops database snapshots nobody can use any more.
   */
  public PruneResult prune(boolean dryRun) {
    return locking.locked(
        () -> {
          PruneResult result =
              tools.backups().prune(config.backup().retention(), protectedBackups(), dryRun);
          if (!dryRun) {
            new SnapshotJanitor(tools, journal.get()).afterRun();
          }
          return result;
        });
  }

  private Set<String> protectedBackups() {
    Set<String> ids = new HashSet<>();
    for (RunRecord run : journal.get().runs()) {
      if (!run.status().finished() || run.status() == RunStatus.ROLLBACK_FAILED) {
        new RunFacts(journal.get(), run.id()).get(RunFacts.BACKUP_ID).ifPresent(ids::add);
      }
    }
    return ids;
  }

  private BackupSet backUp(BackupRequest.Purpose purpose) {
    return tools.backups().create(config.stores(), new BackupRequest(null, installed(), purpose));
  }

  private String installed() {
    return journal.get().installed().map(Installed::version).orElse(null);
  }

  private void refuseWhileServicesRun(String id) {
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
  }
}
