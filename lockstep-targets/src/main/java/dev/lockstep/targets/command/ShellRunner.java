package dev.lockstep.targets.command;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.OutputTail;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a shell command with a deadline, appending its output to a log as it comes (secrets masked)
 * and keeping its first and last lines. A command still running at the deadline is killed with
 * everything it started. The command target runs its templates with it; the engine, a product's own
 * commands.
 */
public final class ShellRunner {
  /** How long a command killed at its deadline may take to go after SIGTERM. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /**
   * How long to wait for the rest of the output once the shell exited. A background process the
   * command left behind may hold the pipe open for ever; it must not hold the deployment too.
   */
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

  /** Ways a child could pick up a password other than the one Lockstep hands it. */
  private static final List<String> SCRUBBED = List.of("PGPASSWORD", "PGSERVICE");

  private final String shell;
  private final Path workingDir;
  private final Path logFile;
  private final Collection<Secret> secrets;

  /**
   * @param logFile appended to; null for no log
   */
  public ShellRunner(String shell, Path workingDir, Path logFile, Collection<Secret> secrets) {
    this.shell = shell;
    this.workingDir = workingDir;
    this.logFile = logFile;
    this.secrets = List.copyOf(secrets);
  }

  /**
   * How a command ended.
   *
   * @param exitCode the shell's exit code; meaningless when {@code timedOut}, 127 when the shell
   *     could not start
   * @param head the first lines of output
   * @param lastLines the last lines of output, as many as asked for
   */
  public record Result(
      boolean timedOut, int exitCode, List<String> head, List<String> lastLines, Duration took) {

    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    /** The last lines, for an error message. */
    public String tail() {
      return OutputTail.lastLines(String.join("\n", lastLines), OutputPump.TAIL_LINES, List.of());
    }
  }

  /**
   * @param label what the log calls this command, e.g. {@code api@local install}
   * @param env added to Lockstep's environment; a password never travels here (use a pgpass file)
   * @param keepLines how many of the last lines of output to keep
   */
  public Result run(
      String label, String command, Map<String, String> env, Duration deadline, int keepLines) {
    long started = System.nanoTime();
    try (TargetLog log = new TargetLog(logFile)) {
      log.line("[" + Instant.now() + "] " + label + ": " + OutputTail.redact(command, secrets));
      Process process;
      try {
        process = start(command, env);
      } catch (IOException e) {
        log.line("  cannot start: " + e.getMessage());
        String reason =
            shell
                + ": "
                + e.getMessage()
                + " (fix: set target.shell to an installed shell, and check that "
                + workingDir
                + " exists)";
        return new Result(false, 127, List.of(), List.of(reason), Duration.ZERO);
      }
      OutputPump pump = new OutputPump(process.getInputStream(), log, secrets, keepLines);
      Thread reader = new Thread(pump, "lockstep-output");
      reader.setDaemon(true);
      reader.start();
      boolean finished = waitFor(process, deadline);
      if (!finished) {
        killTree(process);
      }
      join(reader);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      int exitCode = finished ? process.exitValue() : -1;
      log.line(
          finished
              ? "  exit " + exitCode + " after " + Durations.format(took)
              : "  killed: still running after " + Durations.format(deadline));
      return new Result(!finished, exitCode, pump.head(), pump.lastLines(), took);
    }
  }

  private Process start(String command, Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(shell, "-c", command)
            .directory(workingDir.toFile())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
    SCRUBBED.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    return builder.start();
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM to the shell and everything it started, then SIGKILL to whatever is left. */
  private static void killTree(Process process) {
    List<ProcessHandle> family =
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    family.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (ProcessHandle member : family) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        member.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        member.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        member.destroyForcibly();
      }
    }
  }

  private static void join(Thread reader) {
    try {
      reader.join(DRAIN_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
