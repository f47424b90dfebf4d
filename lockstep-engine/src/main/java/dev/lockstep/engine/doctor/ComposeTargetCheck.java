package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.targets.compose.ComposeCommand;
import dev.lockstep.targets.compose.ComposeReadiness;
import dev.lockstep.targets.compose.ComposeReadiness.Finding;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The compose target's programs and engine: the compose command answers {@code version}, and {@code
 * ps} of the project reaches a container engine (Docker, or Podman's Docker API). Both only read;
 * {@link ComposeReadiness} words what is missing.
 */
final class ComposeTargetCheck {
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
    ComposeReadiness readiness =
        new ComposeReadiness(
            command.program(),
            path,
            ProcessRunner.forDeployment(config),
            config.file().getParent());
    List<DoctorResult> results = new ArrayList<>();
    Finding program = readiness.command();
    results.add(result(program));
    if (!program.ok()) {
      return results;
    }
    if (!Files.isRegularFile(compose.pins())) {
      results.add(
          DoctorResult.warn(
              "compose pins",
              compose.pins() + " does not exist; compose cannot read the project without it",
              "write it with the images that run now, one VAR=image line per service's image"
                  + " variable; Lockstep rewrites it at each install"));
      return results;
    }
    results.add(
        result(
            readiness.engine(
                "ps",
                command.argv("ps", "--all", "--quiet"),
                "answers for project " + compose.project())));
    return results;
  }

  private static DoctorResult result(Finding finding) {
    return finding.ok()
        ? DoctorResult.ok(finding.subject(), finding.found())
        : DoctorResult.fail(finding.subject(), finding.found(), finding.fix());
  }
}
