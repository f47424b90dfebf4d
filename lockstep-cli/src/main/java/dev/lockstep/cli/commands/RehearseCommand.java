package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.RehearsalText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.rehearsal.RehearsalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "rehearse",
    description =
        "Restore the latest verified backup into a scratch database, apply the release's migrations"
            + " there (timed), and prove the installed release still passes its checks on the"
            + " result; production is not touched. Exit 1 if it does not pass.")
public final class RehearseCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Override
  int run(Deployment deployment) {
    RehearsalReport report = deployment.rehearse(to.version());
    print(report, RehearsalText.render(report));
    return report.forwardCompatible() ? 0 : 1;
  }
}
