package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import java.util.List;
import java.util.Objects;

/** The pre-flight gates of an upgrade, in the order they are reported. */
public final class Gates {
  private static final List<Gate> ALL =
      List.of(
          new NoRunInProgressGate(),
          new UpgradePathGate(),
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
          new DiskSpaceGate());

  private Gates() {}

  /** Every gate's result; a gate that does not apply to the deployment (null) is left out. */
  public static List<GateResult> check(GateContext context) {
    return ALL.stream().map(gate -> gate.check(context)).filter(Objects::nonNull).toList();
  }
}
