package dev.lockstep.core.config;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.core.yaml.YamlBinder;
import java.nio.file.Path;

/**
 * Loads and validates a deployment config. Every problem is found before anything is touched, and
 * reported together with the file, field and fix.
 */
public final class ConfigLoader {
  private static final YamlBinder BINDER =
      new YamlBinder(ErrorCode.CONFIG_INVALID, "deployment config");

  private final Variables variables;

  public ConfigLoader(Variables variables) {
    this.variables = variables;
  }

  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(Variables.fromEnvironment());
  }

  public DeploymentConfig load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    ConfigDocument document = BINDER.read(absolute, ConfigDocument.class, variables);
    return new ConfigValidator(absolute, variables).validate(document);
  }
}
