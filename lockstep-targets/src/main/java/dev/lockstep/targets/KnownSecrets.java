package dev.lockstep.targets;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import java.util.List;

/** The secrets of a deployment, as {@link SecretRegistry#of(DeploymentConfig)} knows them. */
public final class KnownSecrets {
  private KnownSecrets() {}

  public static List<Secret> of(DeploymentConfig config) {
    return SecretRegistry.of(config).secrets();
  }
}
