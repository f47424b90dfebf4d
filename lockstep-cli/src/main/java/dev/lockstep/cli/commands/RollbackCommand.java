package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import picocli.CommandLine.Command;

@Command(
    name = "rollback",
    description =
        "Undo the upgrade that installed the current release: revert the services, or restore the"
            + " backup if a contract migration ran.")
public final class RollbackCommand extends DeploymentCommand {
  @Override
  int run(Deployment deployment) {
    RunReport report = deployment.rollback();
    print(report, RunReportText.render(report));
    return report.exitCode();
  }
}
