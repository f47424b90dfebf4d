package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.BackupText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.postgres.backup.BackupManifest;
import dev.lockstep.postgres.backup.BackupSummary;
import dev.lockstep.postgres.backup.RestoreResult;
import dev.lockstep.postgres.backup.VerificationResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "backup",
    description = "Create, list, verify and restore backups of the deployment's database.",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Verify.class,
      BackupCommand.Restore.class
    })
public final class BackupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", description = "Back up the database now (pg_dump), with a manifest.")
  static final class Create extends DeploymentCommand {
    @Override
    int run(Deployment deployment) {
      BackupManifest backup = deployment.backups().create();
      print(backup, BackupText.created(backup));
      return 0;
    }
  }

  @Command(name = "list", description = "List backups, newest first, and whether each is verified.")
  static final class ListBackups extends DeploymentCommand {
    @Override
    int run(Deployment deployment) {
      List<BackupSummary> backups = deployment.backups().list();
      print(backups, BackupText.list(backups));
      return 0;
    }
  }

  @Command(
      name = "verify",
      description =
          "Check every file's sha256, restore into a scratch database, compare each table.")
  static final class Verify extends DeploymentCommand {
    @Parameters(paramLabel = "ID", description = "the backup to verify")
    String id;

    @Override
    int run(Deployment deployment) {
      VerificationResult result = deployment.backups().verify(id);
      print(result, BackupText.verified(result));
      return result.verified() ? 0 : 1;
    }
  }

  @Command(
      name = "restore",
      description = "Restore a backup over the database (refused while any service runs).")
  static final class Restore extends DeploymentCommand {
    @Parameters(paramLabel = "ID", description = "the backup to restore")
    String id;

    @Override
    int run(Deployment deployment) {
      RestoreResult result = deployment.backups().restore(id);
      print(result, BackupText.restored(result));
      return 0;
    }
  }
}
