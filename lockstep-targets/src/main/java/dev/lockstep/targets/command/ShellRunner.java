package dev.lockstep.targets.command;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.TargetException;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Runs a rendered command through its shell, with a deadline, logging its output. */
final class ShellRunner {
  /** How long a command killed at its deadline may take to go after SIGTERM. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /**
   * How long to wait for the rest of the output once the shell exited. A background process the
   * command left behind may hold the pipe open for ever; it must not hold the deployment too.
   */
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

  private final Path workingDir;
  private final Path logFile;
  private final Collection<Secret> secrets;

  ShellRunner(Path workingDir, Path logFile, Collection<Secret> secrets) {
    this.workingDir = workingDir;
    this.logFile = logFile;
    this.secrets = List.copyOf(secrets);
  }

  /**
   * How a command ended.
   *
   * @param exitCode the shell's exit code; meaningless when {@code timedOut}
   * @param head the first lines of output
   * @param tail the last lines of output
   */
  record Result(
      RenderedCommand command,
      boolean timedOut,
      int exitCode,
      List<String> head,
      String tail,
      Duration took) {

    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }

  Result run(RenderedCommand command, Duration deadline) {
    long started = System.nanoTime();
    try (TargetLog log = new TargetLog(logFile)) {
      log.line(
          "["
              + Instant.now()
              + "] "
              + command.service()
              + "@"
              + command.node()
              + " "
              + command.action().key()
              + ": "
              + OutputTail.redact(command.command(), secrets));
      Process process = start(command);
      OutputPump pump = new OutputPump(process.getInputStream(), log, secrets);
      Thread reader = new Thread(pump, "lockstep-output-" + command.service());
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
      return new Result(command, !finished, exitCode, pump.head(), pump.tail(), took);
    }
  }

  private Process start(RenderedCommand command) {
    try {
      return new ProcessBuilder(command.argv())
          .directory(workingDir.toFile())
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new TargetException(
          command.service(),
          command.node(),
          "cannot run the "
              + command.action().key()
              + " command of "
              + command.service()
              + "@"
              + command.node()
              + " with "
              + command.shell()
              + " in "
              + workingDir
              + ": "
              + e.getMessage()
              + ". Fix: set target.shell to an installed shell, and check that "
              + workingDir
              + " exists.",
          e);
    }
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
