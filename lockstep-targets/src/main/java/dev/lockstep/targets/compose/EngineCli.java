package dev.lockstep.targets.compose;

import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProgramFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The container engine's own CLI, for what Compose has no verb for. It asks for an image's id:
 * {@code docker image inspect --format {{.Id}} <ref>}, and removes a one-off container. Compose has
 * no verb that answers for an image no container uses yet, so this goes to the engine's own CLI:
 * the {@code docker} of {@code docker compose} (same context and {@code DOCKER_HOST}), else {@code
 * docker} on the PATH, else {@code podman} (its local store is the one {@code podman system
 * service} serves). A registry is never asked: a missing image is reported, not pulled.
 */
final class EngineCli {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final String cli;
  private final ComposeRunner runner;

  EngineCli(String cli, ComposeRunner runner) {
    this.cli = cli;
    this.runner = runner;
  }

  static String cli(List<String> composeProgram, ProgramFinder path) {
    String first = composeProgram.get(0);
    if (Path.of(first).getFileName().toString().equals("docker")) {
      return first;
    }
    return path.find("docker").isPresent() ? "docker" : "podman";
  }

  String cli() {
    return cli;
  }

  /**
   * The id ({@code sha256:…}) of {@code reference}; empty when the engine has no such image.
   *
   * @throws IllegalStateException when the engine does not answer, with its output
   */
  Optional<String> id(String reference) {
    ProcessResult result =
        runner.run(
            "image " + reference,
            List.of(cli, "image", "inspect", "--format", "{{.Id}}", reference),
            DEADLINE);
    if (result.succeeded()) {
      return Optional.of(result.firstLine());
    }
    String output = result.lastOutput().toLowerCase(Locale.ROOT);
    if (result.ending() == ProcessResult.Ending.EXITED
        && (output.contains("no such image") || output.contains("image not known"))) {
      return Optional.empty();
    }
    throw new IllegalStateException(result.describeFailure());
  }

  /**
   * The names of the containers, running or not, whose name starts with {@code prefix}: {@code
   * docker ps -a --filter name=<prefix>}, whose filter matches anywhere in the name.
   *
   * @throws IllegalStateException when the engine does not answer, with its output
   */
  List<String> containersNamed(String prefix) {
    ProcessResult result =
        runner.run(
            "ps " + prefix,
            List.of(cli, "ps", "-a", "--filter", "name=" + prefix, "--format", "{{.Names}}"),
            DEADLINE);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
    return result.head().stream()
        .map(String::strip)
        .filter(name -> name.startsWith(prefix))
        .toList();
  }

  /** Whether this is Docker's CLI, whose {@code ps} templates Lockstep reads. */
  boolean isDocker() {
    return Path.of(cli).getFileName().toString().equals("docker");
  }

  /**
   * What {@code docker ps} prints of the service containers (not one-offs) of compose project
   * {@code project}, one JSON object per line ({@link ContainerStates#DOCKER_PS_FORMAT}). It asks
   * the engine by Compose's labels without loading the compose files: about 0.05 s where {@code
   * compose ps} took 0.8 s on Podman.
   *
   * @throws IllegalStateException when the engine does not answer, with its output
   */
  List<String> projectContainers(String project) {
    ProcessResult result =
        runner.run(
            "ps " + project,
            List.of(
                cli,
                "ps",
                "-a",
                "--filter",
                "label=com.docker.compose.project=" + project,
                "--filter",
                "label=com.docker.compose.oneoff=False",
                "--format",
                ContainerStates.DOCKER_PS_FORMAT),
            DEADLINE);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
    return result.head();
  }

  /** {@code docker rm -f <name>}; a container already gone is no failure. */
  void removeContainer(String name) {
    runner.run("rm " + name, List.of(cli, "rm", "-f", name), DEADLINE);
  }
}
