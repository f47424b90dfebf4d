package dev.lockstep.targets;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DeploymentConfig;
import java.util.List;

/** The secrets of a deployment that output shown to the user must never contain. */
public final class KnownSecrets {
  private KnownSecrets() {}

  public static List<Secret> of(DeploymentConfig config) {
    if (config.database() == null || config.database().password() == null) {
      return List.of();
    }
    return config.database().password().isEmpty()
        ? List.of()
        : List.of(config.database().password());
  }
}
