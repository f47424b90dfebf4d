package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PathText;
import dev.lockstep.core.api.Version;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.path.PathReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "path",
    description =
        "List the releases an upgrade to VERSION installs in turn from the installed one (required"
            + " stops, each release's minimumFrom), each with its downtime, migrations and notes;"
            + " touch nothing.")
public final class PathCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Option(
      names = "--from",
      paramLabel = "VERSION",
      converter = TargetVersionOption.PinnedFromVersion.class,
      description = "start from this release instead of the installed one")
  Version from;

  @Override
  boolean readsOnly() {
    return true;
  }

  @Override
  int run(Deployment deployment) {
    PathReport path =
        from == null ? deployment.path(to.version()) : deployment.path(from, to.version());
    print(path, PathText.render(path));
    return 0;
  }
}
