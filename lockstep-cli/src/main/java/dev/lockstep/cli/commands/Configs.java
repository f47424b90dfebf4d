package dev.lockstep.cli.commands;

import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.SecretlessConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Variables;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every command loads a deployment config: with the command line's environment, all of it
 * validated before anything is touched, and its secrets masked in everything the command prints
 * from then on.
 */
final class Configs {
  private Configs() {}

  static DeploymentConfig load(CommandSpec spec, Path file) {
    boolean fromCli = spec.root().userObject() instanceof LockstepCli;
    Variables environment =
        fromCli
            ? ((LockstepCli) spec.root().userObject()).environment()
            : Variables.fromEnvironment();
    DeploymentConfig loaded = new ConfigLoader(environment).load(file);
    if (fromCli) {
      LockstepCli.mask(spec).add(SecretRegistry.of(loaded));
    }
    return loaded;
  }

  /**
   * As {@link #load}, for a command that only reads: secrets whose environment variables are not
   * set load empty, and are listed.
   */
  static SecretlessConfig loadWithoutSecrets(CommandSpec spec, Path file) {
    boolean fromCli = spec.root().userObject() instanceof LockstepCli;
    Variables environment =
        fromCli
            ? ((LockstepCli) spec.root().userObject()).environment()
            : Variables.fromEnvironment();
    SecretlessConfig loaded = new ConfigLoader(environment).loadWithoutSecrets(file);
    if (fromCli) {
      LockstepCli.mask(spec).add(SecretRegistry.of(loaded.config()));
    }
    return loaded;
  }
}
