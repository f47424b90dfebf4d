package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.MigrationsText;
import dev.lockstep.core.api.Version;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.migrations.MigrationsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "migrations",
    description =
        "List the migrations every history table in the database records, those a release would"
            + " still apply, and those a run applied; touch nothing.")
public final class MigrationsCommand extends DeploymentCommand {
  @Option(
      names = "--to",
      paramLabel = "VERSION",
      converter = TargetVersionOption.PinnedVersion.class,
      description = "count pending migrations for this release (default: the installed one)")
  Version to;

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "also list the migrations this run applied (`lockstep history` lists runs)")
  String runId;

  @Override
  boolean readsOnly() {
    return true;
  }

  @Override
  int run(Deployment deployment) {
    String notChecked = databaseNotChecked();
    MigrationsReport report =
        notChecked == null
            ? deployment.migrations(to, runId)
            : deployment.migrationsFromJournal(runId, notChecked);
    print(report, MigrationsText.render(report));
    return 0;
  }
}
