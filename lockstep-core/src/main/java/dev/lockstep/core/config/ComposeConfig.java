package dev.lockstep.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the compose target drives Docker Compose ({@code target.compose}). Paths are resolved against
 * the config file's folder, where every compose command runs.
 *
 * @param project the compose project name ({@code -p})
 * @param files the compose files ({@code -f} each, in order)
 * @param profiles the profiles to enable ({@code --profile} each)
 * @param envFiles the operator's own env files, read-only for Lockstep, passed before {@code pins}
 * @param pins the env file Lockstep writes each service's image variable into, passed last so that
 *     its pins win
 * @param migrate the one-shot migrate service ({@code run --rm}); null when there is none
 * @param migrateImage the variable of {@code pins} that pins the migrate service's image, written
 *     with the target release's component of the migrate service's name before it runs; null when
 *     the migrate service runs an image pinned otherwise
 * @param command the compose program and its first arguments; empty for the default ({@code docker
 *     compose} when {@code docker} is on the PATH, else {@code docker-compose})
 * @param runningWithin ({@code wait}) how long started containers may take to be running
 */
public record ComposeConfig(
    String project,
    List<Path> files,
    List<String> profiles,
    List<Path> envFiles,
    Path pins,
    String migrate,
    String migrateImage,
    List<String> command,
    Duration runningWithin) {

  public static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);

  /** Without a pinned migrate image. */
  public ComposeConfig(
      String project,
      List<Path> files,
      List<String> profiles,
      List<Path> envFiles,
      Path pins,
      String migrate,
      List<String> command,
      Duration runningWithin) {
    this(project, files, profiles, envFiles, pins, migrate, null, command, runningWithin);
  }

  public ComposeConfig {
    files = List.copyOf(files);
    profiles = List.copyOf(profiles);
    envFiles = List.copyOf(envFiles);
    command = List.copyOf(command);
  }
}
