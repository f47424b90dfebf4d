package dev.lockstep.engine.rolling;

import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.engine.run.ChecklistInputs.Rolling;
import dev.lockstep.engine.steps.BackupStep;
import dev.lockstep.engine.steps.Checklists;
import dev.lockstep.engine.steps.MigrateAfterRolloutStep;
import dev.lockstep.engine.steps.MigrateCommandStep;
import dev.lockstep.engine.steps.MigrateStep;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.engine.steps.ValidateStep;
import dev.lockstep.engine.steps.VerifyBackupStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The rolling upgrade as a checklist, as the second seed's clustered deployments do it by hand:
 * back up and verify, apply the (expand) migrations while the old release serves, then replace the
 * nodes batch by batch behind the load balancer, apply the migrations the release holds back until
 * every node runs it, and validate. Its rollback reverts the nodes the same careful way, in reverse
 * order, while the others keep serving.
 */
public final class RollingChecklists {
  private RollingChecklists() {}

  /**
   * From {@code installed} to {@code target}, node by node.
   *
   * @param verificationOverride why the operator accepts an unverified backup, or null
   */
  public static List<Step> upgrade(
      Toolbox tools,
      ReleaseManifest installed,
      ReleaseManifest target,
      String verificationOverride,
      Rolling rolling) {
    List<Step> steps = new ArrayList<>();
    steps.add(new BackupStep(tools, installed));
    steps.add(new VerifyBackupStep(tools, verificationOverride));
    switch (target.runner()) {
      case LOCKSTEP -> steps.add(MigrateStep.beforeRollout(tools, target));
      case COMMAND -> steps.add(new MigrateCommandStep(tools, target));
      case STARTUP ->
          throw new IllegalStateException(
              "a product that migrates as it starts cannot roll; the plan refuses it");
    }
    for (NodeBatch batch : batches(tools, rolling)) {
      steps.add(new RollBatchStep(tools, batch, target, true));
    }
    if (!target.afterRollout().isEmpty()) {
      steps.add(new MigrateAfterRolloutStep(tools, target));
    }
    steps.add(new ValidateStep(tools, target, Checklists.FORWARD_CHECKS));
    return List.copyOf(steps);
  }

  /**
   * Back to {@code previous}: a revert puts every node back on it batch by batch, the last batch
   * first; a restore of the database needs every service down, as in a run with downtime.
   */
  public static List<Step> rollback(
      Toolbox tools, RollbackStrategy strategy, ReleaseManifest previous, Rolling rolling) {
    if (strategy != RollbackStrategy.REVERT_SERVICES
        && strategy != RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA) {
      return Checklists.rollback(tools, strategy, previous);
    }
    List<NodeBatch> batches = new ArrayList<>(batches(tools, rolling));
    java.util.Collections.reverse(batches);
    List<Step> steps = new ArrayList<>();
    for (NodeBatch batch : batches) {
      steps.add(new RollBatchStep(tools, batch, previous, false));
    }
    steps.add(new ValidateStep(tools, previous, Checklists.ROLLBACK_CHECKS));
    return List.copyOf(steps);
  }

  private static List<NodeBatch> batches(Toolbox tools, Rolling rolling) {
    return NodeBatches.of(tools.config(), rolling.batch(), rolling.maxUnavailablePercent());
  }
}
