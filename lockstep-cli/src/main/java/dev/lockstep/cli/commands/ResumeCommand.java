package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "resume",
    description = "Finish a run that a crash interrupted (or retry a failed rollback).")
public final class ResumeCommand extends DeploymentCommand {
  @Option(
      names = "--rollback",
      description = "roll the interrupted run back instead of finishing it")
  boolean rollback;

  @Override
  int run(Deployment deployment) {
    RunReport report = deployment.resume(rollback);
    print(report, RunReportText.render(report));
    return report.exitCode();
  }
}
