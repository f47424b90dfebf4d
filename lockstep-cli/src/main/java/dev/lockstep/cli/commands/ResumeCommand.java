package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PathText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.path.PathReport;
import dev.lockstep.engine.path.PathRunReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "resume",
    description =
        "Finish a run that a crash interrupted (or retry a failed rollback); when it was a hop of"
            + " an upgrade across required stops, go on with the hops after it.")
public final class ResumeCommand extends DeploymentCommand {
  @Option(
      names = "--rollback",
      description = "roll the interrupted run back instead of finishing it")
  boolean rollback;

  @Override
  int run(Deployment deployment) {
    RunReport report = deployment.resume(rollback);
    Optional<PathReport> left = rollback ? Optional.empty() : deployment.pathLeft(report);
    if (left.isEmpty()) {
      print(report, RunReportText.render(report));
      return report.exitCode();
    }
    if (!output.json()) {
      out().println(RunReportText.render(report));
      out()
          .println(
              "The run was a hop of the upgrade to "
                  + left.get().to()
                  + ": going on with the hops after it, each planned and gated in its turn.\n");
      out().println(PathText.render(left.get()));
      out().flush();
    }
    PathRunReport path =
        deployment.upgradeAlong(
            left.get(),
            deployment.placeAfter(report),
            UpgradeOptions.defaults(),
            new HopsShown(out(), output.json()));
    Map<String, Object> both = new LinkedHashMap<>();
    both.put("resumed", report);
    both.put("path", path);
    print(both, path.summary());
    return path.exitCode();
  }
}
