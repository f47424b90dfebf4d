package dev.lockstep.examples;

import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.yaml.Variables;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sample product deployed for the demo, on one target or another: its config, its API, its
 * folder. Closing removes what it made (unless the folder is to be kept); the services are the
 * caller's to stop.
 */
public interface DemoDeployment extends AutoCloseable {
  /** What the config reads from the environment, the database password among it. */
  Map<String, String> environment();

  NotesClient notes();

  Path folder();

  default Path configFile() {
    return folder().resolve("lockstep.yaml");
  }

  /**
   * The deployment config, read the way `lockstep -c <config>` reads it with {@link
   * #environment()}.
   */
  default DeploymentConfig config() {
    return new ConfigLoader(Variables.fromEnvironment().with(environment())).load(configFile());
  }

  @Override
  void close();
}
