package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.HistoryText;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "history", description = "List every run, newest first.")
public final class HistoryCommand extends DeploymentCommand {
  @Override
  boolean readsOnly() {
    return true;
  }

  @Override
  int run(Deployment deployment) {
    List<RunReport> runs = deployment.history();
    print(runs, HistoryText.render(runs, deployment::pathHop));
    return 0;
  }
}
