package dev.lockstep.core.config;

/**
 * How services are stopped, installed and started.
 *
 * @param type {@code process}: Lockstep runs each service as a local OS process; {@code command}:
 *     templated shell commands per service (systemd, Docker Compose, any CLI); {@code compose}:
 *     Docker Compose driven by Lockstep, images pinned in an env file
 * @param shell the shell that runs {@code command} templates
 * @param compose the compose target's settings; null for the other targets
 */
public record TargetConfig(TargetType type, String shell, ComposeConfig compose) {

  /** A target without compose settings. */
  public TargetConfig(TargetType type, String shell) {
    this(type, shell, null);
  }

  public enum TargetType {
    PROCESS,
    COMMAND,
    COMPOSE
  }
}
