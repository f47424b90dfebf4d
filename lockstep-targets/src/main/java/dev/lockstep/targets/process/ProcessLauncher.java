package dev.lockstep.targets.process;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.process.ChildEnvironment;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.TargetException;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a service as a process that outlives Lockstep: in a session of its own (through {@code
 * setsid}, when installed) so that a Ctrl-C in Lockstep's terminal does not reach it, reading
 * nothing from Lockstep and writing to its own log.
 */
final class ProcessLauncher {
  /** How long setsid may take to exec the service on a loaded machine. */
  private static final Duration EXEC_DEADLINE = Duration.ofSeconds(10);

  private static final int TAIL_LINES = 20;

  private final Optional<Path> setsid;
  private final Duration startupGrace;
  private final Collection<Secret> secrets;

  /**
   * @param setsid the {@code setsid} program, or empty to start services in Lockstep's session
   * @param startupGrace how long a service must stay up to count as started
   */
  ProcessLauncher(Optional<Path> setsid, Duration startupGrace, Collection<Secret> secrets) {
    this.setsid = setsid;
    this.startupGrace = startupGrace;
    this.secrets = List.copyOf(secrets);
  }

  /**
   * A started process and where its output begins in the log.
   *
   * @param launchedNanos {@link System#nanoTime} at the launch: the start-up grace runs from there
   */
  record Started(
      Process process,
      Instant startInstant,
      long logOffset,
      List<String> command,
      long launchedNanos) {
    long pid() {
      return process.pid();
    }
  }

  Started start(
      String service,
      String node,
      List<String> command,
      Path workingDir,
      Map<String, String> env,
      ServiceMarker marker,
      ServiceLog log) {
    // Lockstep's child is never a process-group leader, so setsid calls setsid(2) and execs the
    // service in place instead of forking: the pid Java sees is the service's own.
    List<String> argv = new ArrayList<>();
    setsid.ifPresent(program -> argv.add(program.toString()));
    argv.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(workingDir.toFile())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectOutput(Redirect.appendTo(log.file().toFile()))
            .redirectErrorStream(true);
    // Lockstep's environment without PG* credentials or the variables its secrets came from, then
    // exactly services.<name>.env: an operator who passes a password there means to.
    ChildEnvironment.inherited(SecretRegistry.of(secrets)).with(env).applyTo(builder);
    // Set last, so that nothing in the service's env can hide it from Lockstep.
    builder.environment().put(ServiceMarker.VARIABLE, marker.value());
    Instant now = Instant.now();
    log.note(now, "starting " + service + "@" + node);
    long offset = log.size();
    try {
      long launched = System.nanoTime();
      Process process = builder.start();
      Instant startInstant = process.toHandle().info().startInstant().orElse(null);
      return new Started(process, startInstant, offset, command, launched);
    } catch (IOException e) {
      throw new TargetException(
          service,
          node,
          "cannot start "
              + service
              + "@"
              + node
              + " with "
              + command
              + " in "
              + workingDir
              + ": "
              + e.getMessage()
              + ". Fix: check services."
              + service
              + ".run (is the program installed and on PATH?) and services."
              + service
              + ".workingDir.",
          e);
    }
  }

  /** Fails when the service exited during the start-up grace, with the end of its log. */
  void awaitStartup(Started started, String service, String node, ServiceLog log) {
    boolean exited;
    try {
      // The grace runs from the launch: nodes launched together wait it out together.
      long left = startupGrace.toNanos() - (System.nanoTime() - started.launchedNanos());
      exited = started.process().waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException(service, node, "interrupted while starting " + service, e);
    }
    if (exited) {
      String tail = OutputTail.of(log.file(), started.logOffset(), TAIL_LINES, secrets);
      throw new TargetException(
          service,
          node,
          service
              + "@"
              + node
              + " exited with code "
              + started.process().exitValue()
              + " within "
              + Durations.format(startupGrace)
              + " of starting "
              + started.command()
              + ". "
              + OutputTail.describe(tail)
              + "\nFix: run that command by hand to see why it stops; the full log is "
              + log.file()
              + ".");
    }
    if (setsid.isPresent() && !ranInPlace(started.process())) {
      throw new TargetException(
          service,
          node,
          "setsid did not run "
              + service
              + "@"
              + node
              + " in place (pid "
              + started.pid()
              + " is still setsid), so Lockstep cannot track it. Fix: report this as a bug, with"
              + " your operating system.");
    }
  }

  /**
   * Whether setsid has replaced itself with the service. On a loaded machine the exec may come
   * after the start-up grace, so it is given until {@link #EXEC_DEADLINE}; a setsid that forked
   * instead would have exited at once, ending the process Java started.
   */
  private static boolean ranInPlace(Process process) {
    long deadline = System.nanoTime() + EXEC_DEADLINE.toNanos();
    while (process.info().command().filter(p -> p.endsWith("/setsid")).isPresent()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
