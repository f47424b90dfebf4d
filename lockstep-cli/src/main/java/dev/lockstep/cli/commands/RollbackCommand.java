package dev.lockstep.cli.commands;

import dev.lockstep.cli.LockstepCli;
import dev.lockstep.cli.Terminal;
import dev.lockstep.cli.output.RollbackPreviewText;
import dev.lockstep.cli.output.RunReportText;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.RollbackPreview;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "rollback",
    description =
        "Undo the upgrade that installed the current release: revert the services, or restore the"
            + " backup if a contract migration ran (the replaced database is kept aside). Asks for"
            + " confirmation on a terminal.")
public final class RollbackCommand extends DeploymentCommand {
  @Option(
      names = "--dry-run",
      description =
          "only say what the rollback would do: strategy and why, data-loss window so far, what"
              + " is kept")
  boolean dryRun;

  @Option(names = "--yes", description = "roll back without asking (for scripts)")
  boolean yes;

  @Override
  int run(Deployment deployment) {
    if (dryRun) {
      RollbackPreview preview = deployment.rollbackPreview();
      print(preview, RollbackPreviewText.render(preview));
      return 0;
    }
    if (!yes && !confirmed(deployment.rollbackPreview())) {
      err().println("Not rolled back: nothing was touched.");
      err().flush();
      return 1;
    }
    RunReport report = deployment.rollback();
    print(report, RunReportText.render(report));
    return report.exitCode();
  }

  private boolean confirmed(RollbackPreview preview) {
    Terminal terminal = LockstepCli.terminal(spec);
    if (!terminal.interactive()) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "lockstep rollback asks for confirmation, and there is no terminal to ask on. Fix: pass"
              + " --yes to roll back without asking (`lockstep rollback --dry-run` shows what it"
              + " would do).");
    }
    String answer =
        terminal
            .ask(RollbackPreviewText.question(preview))
            .orElse("")
            .trim()
            .toLowerCase(Locale.ROOT);
    return answer.equals("y") || answer.equals("yes");
  }
}
