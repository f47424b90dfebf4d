package dev.lockstep.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How services are stopped, installed and started.
 *
 * @param type {@code process}: Lockstep runs each service as a local OS process; {@code command}:
 *     templated shell commands per service (systemd, Docker Compose, any CLI); {@code compose}:
 *     Docker Compose driven by Lockstep, images pinned in an env file
 * @param shell the shell that runs {@code command} templates
 * @param compose the compose target's settings; null for the other targets
 * @param hosts the machines reached over SSH that nodes can run on, by name; empty when every node
 *     is local
 */
public record TargetConfig(
    TargetType type, String shell, ComposeConfig compose, Map<String, HostConfig> hosts) {

  public TargetConfig {
    hosts = hosts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
  }

  /** A target whose nodes are all local. */
  public TargetConfig(TargetType type, String shell, ComposeConfig compose) {
    this(type, shell, compose, Map.of());
  }

  /** A target without compose settings, whose nodes are all local. */
  public TargetConfig(TargetType type, String shell) {
    this(type, shell, null);
  }

  public enum TargetType {
    PROCESS,
    COMMAND,
    COMPOSE
  }
}
