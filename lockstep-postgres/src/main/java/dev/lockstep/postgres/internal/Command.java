package dev.lockstep.postgres.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child process (pg_dump, pg_restore, initdb...) run to completion with its output captured.
 * The password never travels here: callers hand it over through a {@link
 * dev.lockstep.postgres.PgPassFile} named in {@link #env}, and any password the operator's own
 * environment carries is removed so that it cannot override that file.
 */
public final class Command {
  private static final int STDERR_TAIL_LINES = 30;
  private static final int STDOUT_LIMIT = 256 * 1024;
  private static final List<String> SCRUBBED = List.of("PGPASSWORD", "PGPASSFILE", "PGSERVICE");

  private final List<String> argv;
  private final Map<String, String> env = new HashMap<>();
  private Path workDir;
  private Duration timeout;
  private Duration tickEvery = Duration.ofMillis(200);
  private Runnable onTick = () -> {};
  private Consumer<String> onStdoutLine = line -> {};
  private Consumer<String> onStderrLine = line -> {};

  private Command(List<String> argv) {
    this.argv = List.copyOf(argv);
  }

  public static Command of(List<String> argv) {
    return new Command(argv);
  }

  public Command env(Map<String, String> values) {
    env.putAll(values);
    return this;
  }

  public Command workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** Gives up (and kills the process) after {@code limit}; without it the process may run long. */
  public Command timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /** Runs {@code action} every {@code interval} while the process runs, for progress polling. */
  public Command every(Duration interval, Runnable action) {
    this.tickEvery = interval;
    this.onTick = action;
    return this;
  }

  public Command onStdoutLine(Consumer<String> consumer) {
    this.onStdoutLine = consumer;
    return this;
  }

  public Command onStderrLine(Consumer<String> consumer) {
    this.onStderrLine = consumer;
    return this;
  }

  public List<String> argv() {
    return argv;
  }

  /**
   * Runs the command. Failing to start it throws {@link UncheckedIOException}; a non-zero exit is
   * returned, not thrown, so that callers can word the error for their own step.
   */
  public CommandResult run() {
    ProcessBuilder builder = new ProcessBuilder(argv);
    SCRUBBED.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
    }
    closeQuietly(process);
    StringBuilder stdout = new StringBuilder();
    Deque<String> stderrTail = new ArrayDeque<>();
    Thread outReader =
        reader(process.getInputStream(), line -> keep(stdout, line), onStdoutLine, "stdout");
    Thread errReader =
        reader(
            process.getErrorStream(), line -> keepTail(stderrTail, line), onStderrLine, "stderr");
    try {
      int exit = waitFor(process);
      outReader.join();
      errReader.join();
      String stderr;
      synchronized (stderrTail) {
        stderr = String.join("\n", stderrTail);
      }
      synchronized (stdout) {
        return new CommandResult(argv.get(0), exit, stdout.toString(), stderr);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + argv.get(0) + " ran", e);
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  private int waitFor(Process process) throws InterruptedException {
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    while (!process.waitFor(tickEvery.toMillis(), TimeUnit.MILLISECONDS)) {
      onTick.run();
      if (System.nanoTime() > deadline) {
        throw new CommandTimeoutException(argv.get(0), timeout);
      }
    }
    onTick.run();
    return process.exitValue();
  }

  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Nothing is ever written to a child's stdin; a failed close changes nothing.
    }
  }

  private static Thread reader(
      InputStream stream, Consumer<String> keep, Consumer<String> listener, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  keep.accept(line);
                  listener.accept(line);
                }
              } catch (IOException e) {
                // The process was killed; what was read so far is all there is.
              }
            },
            "lockstep-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void keep(StringBuilder stdout, String line) {
    synchronized (stdout) {
      if (stdout.length() < STDOUT_LIMIT) {
        stdout.append(line).append('\n');
      }
    }
  }

  private static void keepTail(Deque<String> tail, String line) {
    synchronized (tail) {
      tail.addLast(line);
      if (tail.size() > STDERR_TAIL_LINES) {
        tail.removeFirst();
      }
    }
  }
}
