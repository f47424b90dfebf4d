package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shell that runs the command target's templates exists, and the programs the config's shell
 * commands start (templates, command checks, store dump commands, the product's migrate command)
 * are on the PATH. A program only a shell expansion names cannot be judged before it runs, and one
 * that is missing may be installed by an earlier command, so a missing program is a warning.
 */
final class ShellCommandsCheck {
  /** Judged by {@link DockerCheck}, with the compose plugin. */
  private static final Set<String> DOCKER = Set.of("docker", "docker-compose");

  private final DeploymentConfig config;
  private final ProgramPath path;

  ShellCommandsCheck(DeploymentConfig config, ProgramPath path) {
    this.config = config;
    this.path = path;
  }

  List<DoctorResult> check() {
    List<ShellCommands.Entry> entries = ShellCommands.of(config);
    List<DoctorResult> results = new ArrayList<>();
    if (config.target().type() == TargetType.COMMAND) {
      results.add(shell());
    }
    Map<String, List<String>> fieldsByProgram = new LinkedHashMap<>();
    for (ShellCommands.Entry entry : entries) {
      for (String program : ShellWords.programs(entry.command())) {
        if (!DOCKER.contains(program)) {
          fieldsByProgram.computeIfAbsent(program, p -> new ArrayList<>()).add(entry.field());
        }
      }
    }
    // Commands run in the config's folder, so a relative path in one means a file beside it.
    Path workingDir = config.file() == null ? config.stateDir() : config.file().getParent();
    fieldsByProgram.forEach((program, fields) -> results.add(program(program, fields, workingDir)));
    return results;
  }

  private DoctorResult shell() {
    String shell = config.target().shell() == null ? "/bin/sh" : config.target().shell();
    Path file = Path.of(shell);
    if (Files.isRegularFile(file) && Files.isExecutable(file)) {
      return DoctorResult.ok("target.shell", shell + "; it runs every template");
    }
    return DoctorResult.fail(
        "target.shell",
        shell + " does not exist or cannot be executed; no template can run",
        "install it, or set target.shell to an installed shell such as /bin/sh or /bin/bash");
  }

  private DoctorResult program(String program, List<String> fields, Path workingDir) {
    String usedIn = "in " + String.join(", ", fields.stream().distinct().toList());
    Optional<Path> found = path.in(workingDir).find(program);
    if (found.isPresent()) {
      return DoctorResult.ok(program, found.get() + "; " + usedIn);
    }
    String where =
        program.contains("/")
            ? "no executable file " + workingDir.resolve(program)
            : "not on the PATH";
    return DoctorResult.warn(
        program,
        where + "; " + usedIn,
        "install " + program + ", or write its full path in " + fields.get(0));
  }
}
