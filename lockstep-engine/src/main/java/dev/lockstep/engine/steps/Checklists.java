package dev.lockstep.engine.steps;

import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.RollbackStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's checklists as lists of steps: the upgrade, and the rollback for each strategy.
 * They read like the checklists in the seeds: back up, verify, stop, migrate, deploy, validate. Who
 * migrates decides where the migrations sit: Lockstep or the product's migrate command before the
 * new release is installed, or the product itself while it starts, watched until it is done.
 */
public final class Checklists {
  public static final String FORWARD_CHECKS = ValidateStep.FACT_PREFIX + "forward";
  public static final String ROLLBACK_CHECKS = ValidateStep.FACT_PREFIX + "rollback";

  private Checklists() {}

  /**
   * From {@code installed} (null for a first install) to {@code target}.
   *
   * @param verificationOverride why the operator accepts an unverified backup, or null
   * @param snapshot whether the databases are snapshotted on their server while services are down
   */
  public static List<Step> upgrade(
      Toolbox tools,
      ReleaseManifest installed,
      ReleaseManifest target,
      String verificationOverride,
      boolean snapshot) {
    List<Step> steps = new ArrayList<>();
    steps.add(new BackupStep(tools, installed));
    steps.add(new VerifyBackupStep(tools, verificationOverride));
    steps.add(StopServicesStep.beforeUpgradeTo(tools, target));
    if (snapshot) {
      steps.add(new SnapshotDatabasesStep(tools));
    }
    switch (target.runner()) {
      case LOCKSTEP -> {
        steps.add(new MigrateStep(tools, target));
        steps.add(new InstallReleaseStep(tools, target));
        steps.add(new StartServicesStep(tools, target));
      }
      case COMMAND -> {
        // As the Compose guide's deploy profile: the one-shot migrate service before the app.
        steps.add(new MigrateCommandStep(tools, target));
        steps.add(new InstallReleaseStep(tools, target));
        steps.add(new StartServicesStep(tools, target));
      }
      case STARTUP -> {
        // As the systemd guide: install, start, watch the migrations; stop at the first failure.
        steps.add(new BeforeStartupMigrationsStep(tools, target));
        steps.add(new InstallReleaseStep(tools, target));
        steps.add(StartServicesStep.migratingOnStart(tools, target));
        steps.add(new WatchMigrationsStep(tools, target));
      }
    }
    steps.add(new ValidateStep(tools, target, FORWARD_CHECKS));
    return List.copyOf(steps);
  }

  /** Back to {@code previous} (null when nothing was installed before). */
  public static List<Step> rollback(
      Toolbox tools, RollbackStrategy strategy, ReleaseManifest previous) {
    return switch (strategy) {
      case NOTHING_TO_UNDO -> List.of();
      case STOP_SERVICES -> List.of(new StopServicesStep(tools));
      case REVERT_SERVICES, REVERT_SERVICES_ON_NEW_SCHEMA ->
          List.of(
              StopServicesStep.beforeGoingBackTo(tools, previous),
              new InstallReleaseStep(tools, previous),
              new StartServicesStep(tools, previous),
              new ValidateStep(tools, previous, ROLLBACK_CHECKS));
      case RESTORE_BACKUP ->
          List.of(
              StopServicesStep.beforeGoingBackTo(tools, previous),
              new RestoreBackupStep(tools),
              new InstallReleaseStep(tools, previous),
              new StartServicesStep(tools, previous),
              new ValidateStep(tools, previous, ROLLBACK_CHECKS));
    };
  }
}
