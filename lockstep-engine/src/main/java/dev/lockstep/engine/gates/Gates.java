package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import java.util.ArrayList;
import java.util.List;

/** The pre-flight gates of an upgrade, in the order they are reported. */
public final class Gates {
  private static final List<Gate> ALL =
      List.of(
          new NoRunInProgressGate(),
          new UpgradePathGate(),
          new StagingFirstGate(),
          new ReleaseSignatureGate(),
          new UnrecordedDeploymentGate(),
          new SameReleaseGate(),
          new ArtifactDigestGate(),
          new ComposeImagesGate(),
          new DatabaseGate(),
          new RequirementsGate(),
          new DatabasePrivilegesGate(),
          new MigrationRunnerGate(),
          new MigrationHistoryGate(),
          new AppliedMigrationsGate(),
          new DirtyMigrationsGate(),
          new SchemaDriftGate(),
          new RehearsalGate(),
          new DiskSpaceGate(),
          new ClientsGate(),
          new ExtensionsGate(),
          // Last: an upgrade may wait here, and does not once an earlier gate refused it.
          new JobsGate());

  private Gates() {}

  /** Every gate's result; a gate that does not apply to the deployment (null) is left out. */
  public static List<GateResult> check(GateContext context) {
    List<GateResult> results = new ArrayList<>();
    for (Gate gate : ALL) {
      boolean refused = results.stream().anyMatch(GateResult::blocked);
      GateResult result = gate.check(refused ? context.atOnce() : context);
      if (result != null) {
        results.add(result);
      }
    }
    return List.copyOf(results);
  }
}
