package dev.lockstep.engine;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.command.CommandTarget;
import dev.lockstep.targets.compose.ComposeTarget;
import dev.lockstep.targets.process.ProcessTarget;

/** Picks the target a deployment config asks for. */
final class Targets {
  private Targets() {}

  static Target create(DeploymentConfig config) {
    return switch (config.target().type()) {
      case PROCESS -> new ProcessTarget(config);
      case COMMAND -> new CommandTarget(config);
      case COMPOSE -> new ComposeTarget(config);
    };
  }
}
