package dev.lockstep.cli;

import dev.lockstep.cli.commands.AdoptCommand;
import dev.lockstep.cli.commands.BackupCommand;
import dev.lockstep.cli.commands.DemoCommand;
import dev.lockstep.cli.commands.DoctorCommand;
import dev.lockstep.cli.commands.DriftCommand;
import dev.lockstep.cli.commands.ExtensionsCommand;
import dev.lockstep.cli.commands.HistoryCommand;
import dev.lockstep.cli.commands.KeptCommand;
import dev.lockstep.cli.commands.MigrationsCommand;
import dev.lockstep.cli.commands.PathCommand;
import dev.lockstep.cli.commands.PlanCommand;
import dev.lockstep.cli.commands.RehearseCommand;
import dev.lockstep.cli.commands.ReleaseCommand;
import dev.lockstep.cli.commands.ReportCommand;
import dev.lockstep.cli.commands.ResumeCommand;
import dev.lockstep.cli.commands.RollbackCommand;
import dev.lockstep.cli.commands.ServeCommand;
import dev.lockstep.cli.commands.StatusCommand;
import dev.lockstep.cli.commands.UpgradeCommand;
import dev.lockstep.cli.commands.WatchCommand;
import dev.lockstep.cli.output.RedactingWriter;
import dev.lockstep.cli.output.SecretMask;
import dev.lockstep.core.yaml.Variables;
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
      PathCommand.class,
      ExtensionsCommand.class,
      UpgradeCommand.class,
      AdoptCommand.class,
      RehearseCommand.class,
      RollbackCommand.class,
      ResumeCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      HistoryCommand.class,
      ReportCommand.class,
      ServeCommand.class,
      MigrationsCommand.class,
      BackupCommand.class,
      KeptCommand.class,
      DriftCommand.class,
      DoctorCommand.class,
      ReleaseCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LockstepCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Variables environment;
  private final SecretMask mask;
  private final Terminal terminal;

  private LockstepCli(Variables environment, SecretMask mask, Terminal terminal) {
    this.environment = environment;
    this.mask = mask;
    this.terminal = terminal;
  }

  /** Where a command asks the operator for a confirmation. */
  public static Terminal terminal(CommandLine.Model.CommandSpec spec) {
    return ((LockstepCli) spec.root().userObject()).terminal;
  }

  /** The variables {@code ${NAME}} in a config is replaced from. */
  public Variables environment() {
    return environment;
  }

  /** What every command's output is masked with; a command adds its deployment's secrets. */
  public static SecretMask mask(CommandLine.Model.CommandSpec spec) {
    return ((LockstepCli) spec.root().userObject()).mask;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The whole command tree, every command and subcommand answering {@code --help}. */
  static CommandLine commandLine(Variables environment, SecretMask mask, Terminal terminal) {
    CommandLine commandLine = new CommandLine(new LockstepCli(environment, mask, terminal));
    addHelp(commandLine);
    return commandLine;
  }

  /**
   * Gives each command below the root {@code --help} and {@code --version}, unless it has a help
   * option of its own (picocli's {@code help} does): done on the tree rather than on each
   * {@code @Command}, so that a command added later cannot be missed.
   */
  private static void addHelp(CommandLine commandLine) {
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
      boolean hasHelp = spec.options().stream().anyMatch(o -> o.usageHelp());
      if (!hasHelp) {
        spec.versionProvider(commandLine.getCommandSpec().versionProvider());
        spec.mixinStandardHelpOptions(true);
      }
      addHelp(sub);
    }
  }

  /**
   * Runs the command line with output to {@code out} and {@code err}, the loaded deployment's
   * secrets masked in both; returns the exit code.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Variables.fromEnvironment());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with {@code environment} for configs. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Variables environment) {
    return run(args, out, err, environment, Terminal.system());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter, Variables)}, asking on {@code terminal}. */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Variables environment, Terminal terminal) {
    SecretMask mask = new SecretMask();
    CommandLine commandLine = commandLine(environment, mask, terminal);
    commandLine.setOut(new PrintWriter(new RedactingWriter(out, mask), true));
    commandLine.setErr(new PrintWriter(new RedactingWriter(err, mask), true));
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    int exitCode = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return exitCode;
  }
}
