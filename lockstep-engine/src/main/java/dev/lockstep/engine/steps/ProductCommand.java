package dev.lockstep.engine.steps;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.KnownSecrets;
import dev.lockstep.targets.OutputTail;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One of the product's own commands (its migrate command, the command that prints its log), run
 * through the target's shell in the config's folder, with a deadline. Its output is kept (the last
 * lines, secrets masked) and, when a log file is given, appended to it as it comes.
 */
final class ProductCommand {
  /** How long a command killed at its deadline may take to go after SIGTERM. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /** A process the command left behind may hold its output open; it must not hold Lockstep. */
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

  private static final List<String> SCRUBBED = List.of("PGPASSWORD", "PGSERVICE");

  private final String shell;
  private final Path workingDir;
  private final List<Secret> secrets;

  ProductCommand(DeploymentConfig config) {
    this.shell = config.target().shell() == null ? "/bin/sh" : config.target().shell();
    this.workingDir = config.file() == null ? config.stateDir() : config.file().getParent();
    this.secrets = KnownSecrets.of(config);
  }

  /**
   * How the command ended.
   *
   * @param exitCode meaningless when {@code timedOut}
   * @param lines its last lines of output, secrets masked
   */
  record Result(boolean timedOut, int exitCode, Duration took, List<String> lines) {
    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    String tail(int count) {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
  }

  /**
   * @param env added to Lockstep's environment (a password never travels here: use a pgpass file)
   * @param log appended to; null for none
   * @param keepLines how many of the last lines of output to keep
   */
  Result run(String command, Map<String, String> env, Duration deadline, Path log, int keepLines) {
    long started = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(shell, "-c", command)
            .directory(workingDir.toFile())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
    SCRUBBED.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    try (LogWriter writer = new LogWriter(log)) {
      writer.line("[" + Instant.now() + "] " + OutputTail.redact(command, secrets));
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        writer.line("  cannot start: " + e.getMessage());
        return new Result(false, 127, Duration.ZERO, List.of(shell + ": " + e.getMessage()));
      }
      Deque<String> lines = new ArrayDeque<>();
      Thread reader = pump(process, writer, lines, keepLines);
      boolean finished = waitFor(process, deadline);
      if (!finished) {
        killTree(process);
      }
      join(reader);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      int exitCode = finished ? process.exitValue() : -1;
      writer.line(
          finished
              ? "  exit " + exitCode + " after " + Durations.format(took)
              : "  killed: still running after " + Durations.format(deadline));
      synchronized (lines) {
        return new Result(!finished, exitCode, took, List.copyOf(lines));
      }
    }
  }

  private Thread pump(Process process, LogWriter writer, Deque<String> lines, int keepLines) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  String shown = OutputTail.redact(line, secrets);
                  writer.line("  | " + shown);
                  synchronized (lines) {
                    lines.addLast(shown);
                    if (lines.size() > keepLines) {
                      lines.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // The process is gone and took its pipe with it; what was read is kept.
              }
            },
            "lockstep-product-command");
    thread.setDaemon(true);
    thread.start();
    return thread;
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
      try {
        member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

  /** Appends to the command's log; a log that cannot be written never fails the command. */
  private static final class LogWriter implements AutoCloseable {
    private BufferedWriter writer;

    LogWriter(Path file) {
      if (file == null) {
        return;
      }
      try {
        Files.createDirectories(file.getParent());
        writer =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        writer = null;
      }
    }

    synchronized void line(String text) {
      if (writer == null) {
        return;
      }
      try {
        writer.write(text);
        writer.newLine();
        writer.flush(); // line by line, so that an operator can follow it with tail -f
      } catch (IOException e) {
        writer = null;
      }
    }

    @Override
    public synchronized void close() {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          // Nothing more will be written.
        }
        writer = null;
      }
    }
  }
}
