package dev.lockstep.cli;

import dev.lockstep.cli.commands.BackupCommand;
import dev.lockstep.cli.commands.DemoCommand;
import dev.lockstep.cli.commands.DoctorCommand;
import dev.lockstep.cli.commands.DriftCommand;
import dev.lockstep.cli.commands.HistoryCommand;
import dev.lockstep.cli.commands.MigrationsCommand;
import dev.lockstep.cli.commands.PlanCommand;
import dev.lockstep.cli.commands.RehearseCommand;
import dev.lockstep.cli.commands.ReleaseCommand;
import dev.lockstep.cli.commands.ResumeCommand;
import dev.lockstep.cli.commands.RollbackCommand;
import dev.lockstep.cli.commands.StatusCommand;
import dev.lockstep.cli.commands.UpgradeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: only a list of subcommands. */
@Command(
    name = "lockstep",
    mixinStandardHelpOptions = true,
    versionProvider = LockstepVersion.class,
    description = "Safe, reversible upgrades for self-hosted multi-service deployments.",
    subcommands = {
      PlanCommand.class,
      UpgradeCommand.class,
      RehearseCommand.class,
      RollbackCommand.class,
      ResumeCommand.class,
      StatusCommand.class,
      HistoryCommand.class,
      MigrationsCommand.class,
      BackupCommand.class,
      DriftCommand.class,
      DoctorCommand.class,
      ReleaseCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LockstepCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line with output to {@code out} and {@code err}; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new LockstepCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    int exitCode = commandLine.execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }
}
