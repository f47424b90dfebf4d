package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.WatchText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.watch.WatchOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "watch",
    description =
        "Watch an upgrade's signals against the baseline taken before it, for watch.duration:"
            + " revert by itself while that is still only a revert (watch.autoRevert), or alert"
            + " with the exact command. A watch killed and started again goes on with its samples.")
public final class WatchCommand extends DeploymentCommand {
  @Parameters(
      paramLabel = "RUN",
      arity = "0..1",
      description = "the upgrade to watch (default: the one that installed the running release)")
  String run;

  @Option(
      names = "--detach",
      description =
          "watch in the background, as `lockstep upgrade` does after a successful upgrade: the"
              + " log goes to <stateDir>/watch/<run>.log; `lockstep status` shows the verdicts")
  boolean detach;

  @Override
  int run(Deployment deployment) {
    if (detach) {
      BackgroundWatch.Started started =
          BackgroundWatch.start(
              deployment.config(), run == null ? deployment.watchedRun().id() : run);
      print(started, started.describe());
      return 0;
    }
    WatchText text = new WatchText(err());
    WatchOutcome outcome = deployment.watch(run, text);
    print(outcome, WatchText.render(outcome));
    return WatchText.exitCode(outcome.status());
  }
}
