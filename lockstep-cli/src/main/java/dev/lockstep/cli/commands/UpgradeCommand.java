package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PlanText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "upgrade",
    description =
        "Back up, verify, migrate, deploy and validate a release; roll back from facts if it fails.")
public final class UpgradeCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Override
  int run(Deployment deployment) {
    if (!output.json()) {
      Plan plan = deployment.plan(to.version());
      out().println(PlanText.render(plan));
      out().flush();
    }
    RunReport report = deployment.upgrade(to.version());
    print(report, RunReportText.render(report));
    return report.exitCode();
  }
}
