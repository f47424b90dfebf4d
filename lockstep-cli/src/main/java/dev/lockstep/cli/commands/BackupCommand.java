package dev.lockstep.cli.commands;

import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.BackupSummary;
import dev.lockstep.backup.PruneResult;
import dev.lockstep.backup.VerificationResult;
import dev.lockstep.cli.output.BackupText;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.RestoreOutcome;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "backup",
    description = "Create, list, verify, restore and prune backups of every state store.",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Verify.class,
      BackupCommand.Restore.class,
      BackupCommand.Prune.class
    })
public final class BackupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", description = "Back up every state store now, under one id.")
  static final class Create extends DeploymentCommand {
    @Override
    int run(Deployment deployment) {
      BackupSet backup = deployment.backups().create();
      print(backup, BackupText.created(backup));
      return 0;
    }
  }

  @Command(name = "list", description = "List backups, newest first, and whether each is verified.")
  static final class ListBackups extends DeploymentCommand {
    @Override
    boolean readsOnly() {
      return true;
    }

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
          "Check every file's sha256, restore every part into a scratch place, compare it with the"
              + " manifest (rows and content hash per table, every file).")
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
      description =
          "Restore a backup over every store (refused while any service runs); the current state is"
              + " backed up first.")
  static final class Restore extends DeploymentCommand {
    @Parameters(paramLabel = "ID", description = "the backup to restore")
    String id;

    @Option(
        names = "--allow-other-release",
        description = "restore a backup taken on another release than the installed one")
    boolean allowOtherRelease;

    @Override
    int run(Deployment deployment) {
      RestoreOutcome outcome = deployment.backups().restore(id, allowOtherRelease);
      print(outcome, BackupText.restored(outcome));
      return 0;
    }
  }

  @Command(
      name = "prune",
      description =
          "Delete the backups the retention policy does not keep (never one of an unfinished run).")
  static final class Prune extends DeploymentCommand {
    @Option(names = "--dry-run", description = "only say what would be deleted")
    boolean dryRun;

    @Override
    int run(Deployment deployment) {
      PruneResult result = deployment.backups().prune(dryRun);
      print(result, BackupText.pruned(result, dryRun));
      return 0;
    }
  }
}
