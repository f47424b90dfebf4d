package dev.lockstep.core.config;

/**
 * How services are stopped, installed and started.
 *
 * @param type {@code process}: Lockstep runs each service as a local OS process; {@code command}:
 *     templated shell commands per service (systemd, Docker Compose, any CLI)
 * @param shell the shell that runs {@code command} templates
 */
public record TargetConfig(TargetType type, String shell) {

  public enum TargetType {
    PROCESS,
    COMMAND
  }
}
