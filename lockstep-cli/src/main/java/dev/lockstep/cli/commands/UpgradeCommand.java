package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.PlanText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.api.UpgradeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "upgrade",
    description =
        "Back up, verify, migrate, deploy and validate a release; roll back from facts if it fails.")
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

  @Override
  int run(Deployment deployment) {
    // The plan is made once the state folder is locked: a second Lockstep refused at the lock
    // prints no plan that it will not carry out.
    RunReport report = deployment.upgrade(to.version(), options(), this::show);
    // The report says which rollback would undo a successful upgrade, as decided at its end.
    print(report, RunReportText.render(report));
    return report.exitCode();
  }

  private void show(Plan plan) {
    if (!output.json()) {
      out().println(PlanText.render(plan));
      out().flush();
    }
  }

  private UpgradeOptions options() {
    return new UpgradeOptions(
        acceptUnverifiedBackup, allowDrift, requireRehearsal, strategy.strategy(), skipStaging);
  }
}
