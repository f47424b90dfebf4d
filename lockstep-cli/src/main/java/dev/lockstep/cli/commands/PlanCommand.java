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

  @picocli.CommandLine.Option(
      names = "--allow-drift",
      description = "judge the drift gate as `upgrade --allow-drift` would")
  boolean allowDrift;

  @picocli.CommandLine.Option(
      names = "--require-rehearsal",
      description = "judge the rehearsal gate as `upgrade --require-rehearsal` would")
  boolean requireRehearsal;

  @Mixin StrategyOption strategy;

  @Override
  int run(Deployment deployment) {
    Plan plan =
        deployment.plan(
            to.version(),
            new dev.lockstep.engine.api.UpgradeOptions(
                null, allowDrift, requireRehearsal, strategy.strategy()));
    print(plan, PlanText.render(plan));
    return plan.blocked() ? GateBlockedException.errorCodeFor(plan).exitCode() : 0;
  }
}
