package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PlanText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "upgrade",
    description =
        "Back up, verify, migrate, deploy and validate a release; roll back from facts if it fails.")
public final class UpgradeCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Option(
      names = "--accept-unverified-backup",
      paramLabel = "REASON",
      description =
          "go on even if the backup fails verification (a rollback may then be impossible);"
              + " the reason is recorded in the journal and the report")
  String acceptUnverifiedBackup;

  @Override
  int run(Deployment deployment) {
    if (!output.json()) {
      Plan plan = deployment.plan(to.version());
      out().println(PlanText.render(plan));
      out().flush();
    }
    RunReport report = deployment.upgrade(to.version(), acceptUnverifiedBackup);
    print(report, RunReportText.render(report));
    return report.exitCode();
  }
}
