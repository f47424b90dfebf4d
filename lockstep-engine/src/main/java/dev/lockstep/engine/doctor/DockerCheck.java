package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Docker, and its compose plugin or the older docker-compose program, when one of the config's
 * shell commands uses them. Only a warning: the commands may run them through a wrapper the doctor
 * cannot see.
 */
final class DockerCheck {
  private static final Pattern DOCKER = Pattern.compile("(^|[^\\w-])docker($|[^\\w-])");
  private static final Pattern COMPOSE_PLUGIN = Pattern.compile("\\bdocker\\s+compose\\b");
  private static final Pattern COMPOSE_PROGRAM = Pattern.compile("\\bdocker-compose\\b");

  private final DeploymentConfig config;
  private final ProgramPath path;

  DockerCheck(DeploymentConfig config, ProgramPath path) {
    this.config = config;
    this.path = path;
  }

  List<DoctorResult> check() {
    List<String> commands =
        ShellCommands.of(config).stream().map(ShellCommands.Entry::command).toList();
    List<DoctorResult> results = new ArrayList<>();
    Optional<Path> docker = path.find("docker");
    if (commands.stream().anyMatch(c -> DOCKER.matcher(c).find())) {
      results.add(docker(docker));
    }
    if (commands.stream().anyMatch(c -> COMPOSE_PLUGIN.matcher(c).find())) {
      results.add(composePlugin(docker));
    }
    if (commands.stream().anyMatch(c -> COMPOSE_PROGRAM.matcher(c).find())) {
      results.add(composeProgram());
    }
    return results;
  }

  private DoctorResult docker(Optional<Path> docker) {
    if (docker.isEmpty()) {
      return DoctorResult.warn(
          "docker",
          "not on the PATH; the config's commands use it",
          "install Docker Engine (apt-get install docker.io, or docker-ce from Docker's"
              + " repository)");
    }
    String version = ProgramOutput.of(docker.get(), "--version").orElse("version unknown");
    return DoctorResult.ok("docker", docker.get() + "; " + version);
  }

  private DoctorResult composePlugin(Optional<Path> docker) {
    if (docker.isEmpty()) {
      return DoctorResult.warn(
          "docker compose",
          "docker is not on the PATH; the config's commands use `docker compose`",
          "install Docker Engine with its compose plugin (apt-get install docker-compose-plugin)");
    }
    Optional<String> version = ProgramOutput.of(docker.get(), "compose", "version");
    if (version.isEmpty()) {
      return DoctorResult.warn(
          "docker compose",
          "`" + docker.get() + " compose version` failed: the compose plugin is missing",
          "apt-get install docker-compose-plugin");
    }
    return DoctorResult.ok("docker compose", version.get());
  }

  private DoctorResult composeProgram() {
    Optional<Path> found = path.find("docker-compose");
    if (found.isPresent()) {
      return DoctorResult.ok("docker-compose", found.get().toString());
    }
    return DoctorResult.warn(
        "docker-compose",
        "not on the PATH; the config's commands use it",
        "apt-get install docker-compose, or write `docker compose` (the plugin) instead");
  }
}
