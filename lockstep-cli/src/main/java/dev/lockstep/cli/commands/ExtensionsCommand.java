package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ExtensionsText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.gates.ExtensionsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "extensions",
    description =
        "List the installed extensions (MCP servers, plugins) the config's extensions section"
            + " names, each compatible or incompatible with VERSION's extension protocol; touch"
            + " nothing. Exit 1 if one is incompatible or the list cannot be read.")
public final class ExtensionsCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Override
  boolean readsOnly() {
    return true;
  }

  @Override
  int run(Deployment deployment) {
    ExtensionsReport report = deployment.extensions(to.version());
    print(report, ExtensionsText.render(report));
    return report.allCompatible() ? 0 : 1;
  }
}
