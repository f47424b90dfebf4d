package dev.lockstep.engine.steps;

import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.RollbackStrategy;
import java.util.List;

/**
 * The operator's checklists as lists of steps: the upgrade, and the rollback for each strategy.
 * They read like the checklists in the seeds: back up, verify, stop, migrate, deploy, validate.
 */
public final class Checklists {
  public static final String FORWARD_CHECKS = ValidateStep.FACT_PREFIX + "forward";
  public static final String ROLLBACK_CHECKS = ValidateStep.FACT_PREFIX + "rollback";

  private Checklists() {}

  /** From {@code installed} (null for a first install) to {@code target}. */
  public static List<Step> upgrade(
      Toolbox tools, ReleaseManifest installed, ReleaseManifest target) {
    return List.of(
        new BackupStep(tools, installed),
        new VerifyBackupStep(tools),
        new StopServicesStep(tools),
        new MigrateStep(tools, target),
        new InstallReleaseStep(tools, target),
        new StartServicesStep(tools, target),
        new ValidateStep(tools, target, FORWARD_CHECKS));
  }

  /** Back to {@code previous} (null when nothing was installed before). */
  public static List<Step> rollback(
      Toolbox tools, RollbackStrategy strategy, ReleaseManifest previous) {
    return switch (strategy) {
      case NOTHING_TO_UNDO -> List.of();
      case STOP_SERVICES -> List.of(new StopServicesStep(tools));
      case REVERT_SERVICES, REVERT_SERVICES_ON_NEW_SCHEMA ->
          List.of(
              new StopServicesStep(tools),
              new InstallReleaseStep(tools, previous),
              new StartServicesStep(tools, previous),
              new ValidateStep(tools, previous, ROLLBACK_CHECKS));
      case RESTORE_BACKUP ->
          List.of(
              new StopServicesStep(tools),
              new RestoreBackupStep(tools),
              new InstallReleaseStep(tools, previous),
              new StartServicesStep(tools, previous),
              new ValidateStep(tools, previous, ROLLBACK_CHECKS));
    };
  }
}
