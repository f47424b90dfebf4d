package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.StatusText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.StatusReport;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    description =
        "Show the installed release, the services, and any run in progress or interrupted.")
public final class StatusCommand extends DeploymentCommand {
  @Override
  boolean readsOnly() {
    return true;
  }

  @Override
  int run(Deployment deployment) {
    StatusReport status = deployment.status();
    print(status, StatusText.render(status));
    return 0;
  }
}
