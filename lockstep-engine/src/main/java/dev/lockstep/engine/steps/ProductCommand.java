package dev.lockstep.engine.steps;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.targets.command.ShellRunner;
import java.nio.file.Path;

/**
 * One of the product's own commands (its migrate command, the command that prints its log), run as
 * the command target runs its templates: through the target's shell, in the config's folder, with a
 * deadline, the deployment's database in PGHOST, PGPORT, PGDATABASE, PGUSER and a temporary
 * PGPASSFILE, secrets masked in what is kept and logged.
 */
final class ProductCommand {
  private ProductCommand() {}

  /**
   * @param log appended to; null for none
   */
  static ShellRunner runner(DeploymentConfig config, Path log) {
    String shell = config.target().shell() == null ? "/bin/sh" : config.target().shell();
    Path workingDir = config.file() == null ? config.stateDir() : config.file().getParent();
    return new ShellRunner(
        shell, workingDir, log, ProcessRunner.forDeployment(config), config.database());
  }
}
