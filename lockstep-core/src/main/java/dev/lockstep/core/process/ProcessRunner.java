package dev.lockstep.core.process;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.secrets.PgPassFile;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Durations;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs child processes to their end, every one the same way: the scrubbed {@link ChildEnvironment},
 * a password only through a temporary pgpass file in {@link SecretFiles}, stdin from {@code
 * /dev/null}, a deadline after which the child and everything it started are stopped, and output
 * kept and logged with every secret of the {@link SecretRegistry} masked.
 */
public final class ProcessRunner {
  /** How long a child stopped at its deadline may take to go after SIGTERM. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /**
   * How long to wait for the rest of the output once the child exited. A background process a shell
   * command left behind may hold the pipe open for ever; it must not hold Lockstep too.
   */
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

  private final SecretRegistry secrets;
  private final SecretFiles secretFiles;

  public ProcessRunner(SecretRegistry secrets, SecretFiles secretFiles) {
    this.secrets = secrets;
    this.secretFiles = secretFiles;
  }

  /** For work without a deployment: a throwaway server, looking up tools, tests. */
  public static ProcessRunner standalone() {
    return new ProcessRunner(SecretRegistry.empty(), SecretFiles.standalone());
  }

  /** Masks {@code config}'s secrets; password files go to its state folder. */
  public static ProcessRunner forDeployment(DeploymentConfig config) {
    return new ProcessRunner(SecretRegistry.of(config), SecretFiles.forStateDir(config.stateDir()));
  }

  public SecretRegistry secrets() {
    return secrets;
  }

  public SecretFiles secretFiles() {
    return secretFiles;
  }

  /** The environment every child starts from, for processes started to outlive Lockstep. */
  public ChildEnvironment environment() {
    return ChildEnvironment.inherited(secrets);
  }

  /**
   * Runs {@code spec} to its end. A non-zero exit, a child that could not start (exit 127) and one
   * stopped at its deadline are returned, not thrown, so that callers word the error for their own
   * step. An exception from the spec's tick, or an interrupt, stops the child and is thrown.
   */
  public ProcessResult run(ProcessSpec spec) {
    long started = System.nanoTime();
    try (ProcessLog log = new ProcessLog(spec.log());
        PgPassFile pass = spec.database() == null ? null : secretFiles.pgPass(spec.database())) {
      log.line("[" + Instant.now() + "] " + spec.label() + ": " + secrets.redact(spec.display()));
      ChildEnvironment environment = environment().with(spec.environment());
      if (pass != null) {
        environment = environment.withDatabase(spec.database(), pass.path());
      }
      Process process;
      try {
        process = start(spec, environment);
      } catch (IOException e) {
        String reason =
            "cannot start "
                + spec.program()
                + (spec.workingDir() == null ? "" : " in " + spec.workingDir())
                + ": "
                + secrets.redact(e.getMessage());
        log.line("  " + reason);
        return ProcessResult.notStarted(spec.label(), reason);
      }
      OutputCollector out =
          new OutputCollector(process.getInputStream(), secrets, log, spec.keepLines());
      OutputCollector err =
          new OutputCollector(process.getErrorStream(), secrets, log, spec.keepLines());
      List<Thread> readers =
          spec.mergeErrors()
              ? List.of(out.start(spec.program() + "-output"))
              : List.of(
                  out.start(spec.program() + "-stdout"), err.start(spec.program() + "-stderr"));
      boolean finished = awaitExit(process, spec);
      readers.forEach(ProcessRunner::join);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      int exitCode = finished ? process.exitValue() : -1;
      log.line(
          finished
              ? "  exit " + exitCode + " after " + Durations.format(took)
              : "  stopped: still running after " + Durations.format(spec.deadline()));
      return new ProcessResult(
          spec.label(),
          finished ? ProcessResult.Ending.EXITED : ProcessResult.Ending.TIMED_OUT,
          exitCode,
          out.head(),
          out.tail(),
          spec.mergeErrors() ? List.of() : err.tail(),
          took);
    }
  }

  /**
   * Starts another Lockstep to outlive this one (a watch in the background): in a session of its
   * own (through {@code setsid}, when installed) so that a Ctrl-C here does not reach it, reading
   * nothing, its output appended to {@code log}. It inherits this process's whole environment: it
   * reads the same config, with the same secrets, as this Lockstep did. Returns once it exists.
   *
   * @param argv the Java program and the arguments that start Lockstep
   */
  public static Process startLockstep(List<String> argv, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    ProgramPath.fromEnvironment()
        .find("setsid")
        .ifPresent(setsid -> command.add(setsid.toString()));
    command.addAll(argv);
    Files.createDirectories(log.toAbsolutePath().getParent());
    return new ProcessBuilder(command)
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
  }

  private static Process start(ProcessSpec spec, ChildEnvironment environment) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(spec.argv())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectErrorStream(spec.mergeErrors());
    if (spec.workingDir() != null) {
      builder.directory(spec.workingDir().toFile());
    }
    environment.applyTo(builder);
    return builder.start();
  }

  /** True when the child exited; false when it was stopped at its deadline. */
  private static boolean awaitExit(Process process, ProcessSpec spec) {
    long deadline =
        spec.deadline() == null ? Long.MAX_VALUE : System.nanoTime() + spec.deadline().toNanos();
    try {
      while (!process.waitFor(nextWait(spec, deadline), TimeUnit.NANOSECONDS)) {
        spec.onTick().run();
        if (spec.deadline() != null && System.nanoTime() - deadline >= 0) {
          ProcessTree.stop(process, KILL_GRACE);
          return false;
        }
      }
      spec.onTick().run();
      return true;
    } catch (InterruptedException e) {
      ProcessTree.kill(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + spec.label() + " ran", e);
    } catch (RuntimeException e) {
      ProcessTree.kill(process);
      throw e;
    }
  }

  private static long nextWait(ProcessSpec spec, long deadline) {
    long tick = spec.tickEvery().toNanos();
    return deadline == Long.MAX_VALUE
        ? tick
        : Math.max(0, Math.min(tick, deadline - System.nanoTime()));
  }

  private static void join(Thread reader) {
    try {
      reader.join(DRAIN_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
