package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.KeptText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.KeptDatabases;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "kept",
    description =
        "List or drop the databases a rollback replaced and kept aside, with what the failed"
            + " release wrote.",
    subcommands = {KeptCommand.ListKept.class, KeptCommand.Drop.class})
public final class KeptCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      description = "List the kept databases, oldest first, and the rollback that kept each.")
  static final class ListKept extends DeploymentCommand {
    @Override
    int run(Deployment deployment) {
      List<KeptDatabases.Entry> kept = deployment.kept().list();
      print(kept, KeptText.list(kept));
      return 0;
    }
  }

  @Command(
      name = "drop",
      description =
          "Drop a kept database once its data is no longer needed; only a database a rollback"
              + " kept can be dropped.")
  static final class Drop extends DeploymentCommand {
    @Parameters(paramLabel = "NAME", description = "the kept database, as `kept list` prints it")
    String name;

    @Override
    int run(Deployment deployment) {
      KeptDatabases.Entry dropped = deployment.kept().drop(name);
      print(dropped, KeptText.dropped(dropped));
      return 0;
    }
  }
}
