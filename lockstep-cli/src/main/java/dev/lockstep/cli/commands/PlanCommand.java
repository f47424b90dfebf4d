package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PlanText;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.GateBlockedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "plan",
    description =
        "Show the steps, migrations, rollback per step and gates of an upgrade; touch nothing.")
public final class PlanCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Override
  int run(Deployment deployment) {
    Plan plan = deployment.plan(to.version());
    print(plan, PlanText.render(plan));
    return plan.blocked() ? GateBlockedException.errorCodeFor(plan).exitCode() : 0;
  }
}
