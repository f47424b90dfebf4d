package dev.lockstep.targets.compose;

import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the compose command and a container engine answer on this machine, and what to install
 * when not: the words of {@code lockstep doctor} and of {@code lockstep demo --target compose}.
 * Every command it runs only reads.
 */
public final class ComposeReadiness {
  /** How to get Podman serving the Docker API, with Compose v2, on a Debian machine. */
  public static final String INSTALL_PODMAN =
      "run .ci/containers.sh, which installs Podman and Docker Compose v2 and starts `podman system"
          + " service` on unix:///run/podman/podman.sock (then export"
          + " DOCKER_HOST=unix:///run/podman/podman.sock)";

  /** What the compose target needs: Podman as above, or Docker. */
  public static final String INSTALL =
      INSTALL_PODMAN + ", or install Docker Engine with its compose plugin";

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /**
   * One thing checked.
   *
   * @param subject what was checked: {@code docker compose}, {@code container engine}
   * @param found what was found, with the command's output when it failed
   * @param fix what to do about it; null when all is well
   */
  public record Finding(String subject, String found, String fix) {
    public boolean ok() {
      return fix == null;
    }
  }

  private final List<String> program;
  private final ProgramPath path;
  private final ProcessRunner runner;
  private final Path workingDir;

  /**
   * @param program the compose command, e.g. {@code [docker, compose]}
   * @param workingDir where its commands run (the config's folder)
   */
  public ComposeReadiness(
      List<String> program, ProgramPath path, ProcessRunner runner, Path workingDir) {
    this.program = List.copyOf(program);
    this.path = path;
    this.runner = runner;
    this.workingDir = workingDir;
  }

  /** For a machine with no deployment yet: the default compose command found on the PATH. */
  public static ComposeReadiness ofThisMachine() {
    ProgramPath path = ProgramPath.fromEnvironment();
    return new ComposeReadiness(
        ComposeCommand.defaultProgram(path),
        path,
        ProcessRunner.standalone(),
        Path.of("").toAbsolutePath());
  }

  /** {@code docker compose}, as messages name it. */
  public String name() {
    return String.join(" ", program);
  }

  /**
   * The compose command is on the PATH and answers {@code version}: one finding, a failure when
   * either is not so.
   */
  public Finding command() {
    if (path.find(program.get(0)).isEmpty()) {
      return new Finding(
          name(), program.get(0) + " is not on the PATH (" + path.describe() + ")", INSTALL);
    }
    List<String> version = new ArrayList<>(program);
    version.add("version");
    ProcessResult answered = run("compose version", version);
    return answered.succeeded()
        ? new Finding(name(), answered.firstLine(), null)
        : new Finding(name(), "`" + name() + " version` failed: " + answered.lastOutput(), INSTALL);
  }

  /**
   * {@code argv}, a compose command that asks the engine, answers.
   *
   * @param verb how messages name it: {@code ps}, {@code ls}
   * @param answers what an answer proves, for the finding: {@code answers for project notes}
   */
  public Finding engine(String verb, List<String> argv, String answers) {
    ProcessResult result = run("compose " + verb, argv);
    String command = "`" + name() + " " + verb + "`";
    return result.succeeded()
        ? new Finding("container engine", command + " " + answers, null)
        : new Finding(
            "container engine",
            command + " failed: " + result.lastOutput(),
            INSTALL + "; check DOCKER_HOST (now " + System.getenv("DOCKER_HOST") + ")");
  }

  /**
   * The first thing missing for compose on this machine, with no project to ask about: the command
   * and its {@code version}, then {@code ls --all --quiet}, which needs the engine.
   */
  public Optional<Finding> firstProblem() {
    Finding command = command();
    if (!command.ok()) {
      return Optional.of(command);
    }
    List<String> ls = new ArrayList<>(program);
    ls.addAll(List.of("ls", "--all", "--quiet"));
    Finding engine = engine("ls", ls, "answers");
    return engine.ok() ? Optional.empty() : Optional.of(engine);
  }

  private ProcessResult run(String label, List<String> argv) {
    return runner.run(
        ProcessSpec.of(label, argv).in(workingDir).withDeadline(DEADLINE).withMergedErrors());
  }
}
