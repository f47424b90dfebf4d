package dev.lockstep.examples;

import dev.lockstep.core.config.DeploymentConfig;
import java.nio.file.Path;

/**
 * The sample product deployed for the demo, on one target or another: its config, its API, its
 * folder. Closing removes what it made (unless the folder is to be kept); the services are the
 * caller's to stop.
 */
public interface DemoDeployment extends AutoCloseable {
  DeploymentConfig config();

  NotesClient notes();

  Path folder();

  @Override
  void close();
}
