package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.process.ProgramFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument vector of every compose command Lockstep runs: {@code <command> --ansi never -p
 * <project> -f <file>… [--profile <p>]… [--env-file <e>]… --env-file <pins> <verb> …}. The pins
 * file comes last so that its variables win over the operator's env files. Never a shell string: a
 * path or a name with a space or a quote stays one argument.
 */
public final class ComposeCommand {
  private final List<String> program;
  private final ComposeConfig compose;

  ComposeCommand(List<String> program, ComposeConfig compose) {
    this.program = List.copyOf(program);
    this.compose = compose;
  }

  /** With {@code target.compose.command}, or the default found on {@code path}. */
  public static ComposeCommand of(ComposeConfig compose, ProgramFinder path) {
    return new ComposeCommand(program(compose, path), compose);
  }

  /**
   * {@code target.compose.command} when set; else {@code docker compose} when {@code docker} is on
   * the PATH (Compose v2 as a Docker CLI plugin), else the standalone {@code docker-compose}.
   */
  public static List<String> program(ComposeConfig compose, ProgramFinder path) {
    return compose.command().isEmpty() ? defaultProgram(path) : compose.command();
  }

  /**
   * {@code docker compose} when {@code docker} is on the PATH (Compose v2 as a Docker CLI plugin),
   * else the standalone {@code docker-compose}.
   */
  public static List<String> defaultProgram(ProgramFinder path) {
    return path.find("docker").isPresent()
        ? List.of("docker", "compose")
        : List.of("docker-compose");
  }

  /** The compose program and its first arguments, e.g. {@code [docker, compose]}. */
  public List<String> program() {
    return program;
  }

  /** {@code <command> <global flags> verb…}. */
  public List<String> argv(List<String> verb) {
    List<String> argv = new ArrayList<>(program);
    // Progress bars and colours are for terminals; the log and error messages want plain lines.
    argv.addAll(List.of("--ansi", "never", "-p", compose.project()));
    for (Path file : compose.files()) {
      argv.addAll(List.of("-f", file.toString()));
    }
    for (String profile : compose.profiles()) {
      argv.addAll(List.of("--profile", profile));
    }
    for (Path envFile : compose.envFiles()) {
      argv.addAll(List.of("--env-file", envFile.toString()));
    }
    // Before the first install nothing is pinned yet, and Compose refuses an env file that is not
    // there: a project no release was installed in can still be stopped and listed.
    if (Files.exists(compose.pins())) {
      argv.addAll(List.of("--env-file", compose.pins().toString()));
    }
    argv.addAll(verb);
    return List.copyOf(argv);
  }

  /** {@code argv} with the verb given inline. */
  public List<String> argv(String... verb) {
    return argv(List.of(verb));
  }
}
