package dev.lockstep.core.config;

import java.util.List;

/**
 * A config loaded for a command that only reads, which needs no secret to read the journal, the
 * backups folder or the targets.
 *
 * @param config the config, every unset secret in it empty
 * @param unset the secrets whose environment variables are not set, in the order the file names
 *     them; empty when every one is set
 */
public record SecretlessConfig(DeploymentConfig config, List<UnsetSecret> unset) {

  public SecretlessConfig {
    unset = List.copyOf(unset);
  }
}
