package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.targets.compose.ComposeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compose target's programs and engine: the compose command answers {@code version}, and {@code
 * ps} of the project reaches a container engine (Docker, or Podman's Docker API). Both only read.
 */
final class ComposeTargetCheck {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String INSTALL =
      "run .ci/containers.sh, which installs Podman and Docker Compose v2 and starts `podman system"
          + " service` on unix:///run/podman/podman.sock (then export"
          + " DOCKER_HOST=unix:///run/podman/podman.sock), or install Docker Engine with its"
          + " compose plugin";

  private final DeploymentConfig config;
  private final ProgramPath path;

  ComposeTargetCheck(DeploymentConfig config, ProgramPath path) {
    this.config = config;
    this.path = path;
  }

  List<DoctorResult> check() {
    if (config.target().type() != TargetType.COMPOSE) {
      return List.of();
    }
    ComposeConfig compose = config.target().compose();
    ComposeCommand command = ComposeCommand.of(compose, path);
    String name = String.join(" ", command.program());
    Optional<Path> program = path.find(command.program().get(0));
    if (program.isEmpty()) {
      return List.of(
          DoctorResult.fail(
              name,
              command.program().get(0) + " is not on the PATH (" + path.describe() + ")",
              INSTALL));
    }
    List<DoctorResult> results = new ArrayList<>();
    List<String> version = new ArrayList<>(command.program());
    version.add("version");
    ProcessResult answered = run("compose version", version);
    if (!answered.succeeded()) {
      results.add(
          DoctorResult.fail(
              name, "`" + name + " version` failed: " + answered.lastOutput(), INSTALL));
      return results;
    }
    results.add(DoctorResult.ok(name, answered.firstLine()));
    if (!Files.isRegularFile(compose.pins())) {
      results.add(
          DoctorResult.warn(
              "compose pins",
              compose.pins() + " does not exist; compose cannot read the project without it",
              "write it with the images that run now, one VAR=image line per service's image"
                  + " variable; Lockstep rewrites it at each install"));
      return results;
    }
    ProcessResult ps = run("compose ps", command.argv("ps", "--all", "--quiet"));
    results.add(
        ps.succeeded()
            ? DoctorResult.ok(
                "container engine", "`" + name + " ps` answers for project " + compose.project())
            : DoctorResult.fail(
                "container engine",
                "`" + name + " ps` failed: " + ps.lastOutput(),
                INSTALL + "; check DOCKER_HOST (now " + System.getenv("DOCKER_HOST") + ")"));
    return results;
  }

  private ProcessResult run(String label, List<String> argv) {
    return ProcessRunner.forDeployment(config)
        .run(
            ProcessSpec.of(label, argv)
                .in(config.file().getParent())
                .withDeadline(DEADLINE)
                .withMergedErrors());
  }
}
