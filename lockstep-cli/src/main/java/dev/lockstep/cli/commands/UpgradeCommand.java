package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PathText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.path.PathReport;
import dev.lockstep.engine.path.PathRunReport;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "upgrade",
    description =
        "Back up, verify, migrate, deploy and validate a release (each release on the way, in"
            + " turn, when the path has required stops); roll back from facts if it fails.")
public final class UpgradeCommand extends DeploymentCommand {
  @Mixin TargetVersionOption to;

  @Option(
      names = "--accept-unverified-backup",
      paramLabel = "REASON",
      description =
          "go on even if the backup fails verification (a rollback may then be impossible);"
              + " the reason is recorded in the journal and the report")
  String acceptUnverifiedBackup;

  @Option(
      names = "--allow-drift",
      description = "go on although the live schema differs from the one the last run left")
  boolean allowDrift;

  @Mixin StrategyOption strategy;

  @Option(
      names = "--skip-staging",
      paramLabel = "REASON",
      description =
          "take the release although the environment this one comes after (promotion.after) has"
              + " not run it for the bake time; the reason is recorded in the journal and the"
              + " report")
  String skipStaging;

  @Option(
      names = "--require-rehearsal",
      description = "refuse unless `lockstep rehearse` passed for this upgrade")
  boolean requireRehearsal;

  @Option(
      names = "--no-watch",
      description =
          "do not start the watch after a successful upgrade (`lockstep watch` starts it later)")
  boolean noWatch;

  @Override
  int run(Deployment deployment) {
    Optional<PathReport> path = deployment.pathWithStops(to.version());
    if (path.isPresent()) {
      return upgradeAlong(deployment, path.get());
    }
    // The plan is made once the state folder is locked: a second Lockstep refused at the lock
    // prints no plan that it will not carry out.
    RunReport report = deployment.upgrade(to.version(), options(), this::show);
    // The report says which rollback would undo a successful upgrade, as decided at its end.
    print(report, RunReportText.render(report));
    if (report.exitCode() == 0) {
      startWatch(deployment, report);
    }
    return report.exitCode();
  }

  /** After an upgrade that succeeded, the watch the config asks for, in the background. */
  private void startWatch(Deployment deployment, RunReport upgraded) {
    if (deployment.config().watch() == null || upgraded.from() == null) {
      return;
    }
    if (noWatch) {
      err().println("lockstep: not watching (--no-watch); `lockstep watch` starts the watch.");
    } else {
      err().println(BackgroundWatch.start(deployment.config(), upgraded.runId()).describe());
    }
    err().flush();
  }

  /** Across required stops: the path first, then each hop's plan and report as it goes. */
  private int upgradeAlong(Deployment deployment, PathReport path) {
    if (!output.json()) {
      out().println(PathText.render(path));
      out().flush();
    }
    PathRunReport report =
        deployment.upgradeAlong(path, options(), new HopsShown(out(), output.json()));
    print(report, report.summary());
    if (report.exitCode() == 0 && !report.runs().isEmpty()) {
      startWatch(deployment, report.runs().get(report.runs().size() - 1));
    }
    return report.exitCode();
  }

  private void show(Plan plan) {
    new HopsShown(out(), output.json()).show(plan);
  }

  private UpgradeOptions options() {
    return new UpgradeOptions(
        acceptUnverifiedBackup, allowDrift, requireRehearsal, strategy.strategy(), skipStaging);
  }
}
