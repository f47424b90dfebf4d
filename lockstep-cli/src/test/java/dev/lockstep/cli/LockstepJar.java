package dev.lockstep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Runs the real, packaged {@code lockstep.jar} as a separate process, as an operator would. */
final class LockstepJar {
  private static final Path JAR =
      Path.of(System.getProperty("lockstep.jar", "target/lockstep.jar"));
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final Map<String, String> environment;
  private final Path workingDir;
  private final List<String> jvmOptions;

  LockstepJar(Map<String, String> environment, Path workingDir) {
    this(environment, workingDir, List.of());
  }

  /**
   * @param jvmOptions given to java before {@code -jar}, such as {@code -Djava.io.tmpdir=…}
   */
  LockstepJar(Map<String, String> environment, Path workingDir, List<String> jvmOptions) {
    this.environment = environment;
    this.workingDir = workingDir;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** What one run of the jar printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  Result run(String... args) {
    return start(Map.of(), args).await(Duration.ofMinutes(3));
  }

  Running start(Map<String, String> extraEnvironment, String... args) {
    List<String> command = new ArrayList<>(List.of(JAVA.toString()));
    // As the `lockstep` launcher starts it, with a class-data archive written by the first run;
    // and C1 only: runs of a few seconds on tiny databases, where C2 would compile for nothing.
    ClassDataArchive.Use classData = ClassDataArchive.shared().next();
    command.addAll(classData.options());
    command.add("-XX:TieredStopAtLevel=1");
    if (jvmOptions.stream().noneMatch(option -> option.startsWith("-Djava.io.tmpdir="))) {
      // sqlite-jdbc unpacks its native library into the temp folder, and a jar killed with
      // SIGKILL cannot remove it: into the test's own folder then, which goes with the test.
      command.add("-Dorg.sqlite.tmpdir=" + workingDir.toAbsolutePath());
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder.environment().putAll(environment);
    builder.environment().putAll(extraEnvironment);
    try {
      Process process = builder.start();
      process.onExit().thenRun(classData.afterExit());
      return new Running(process);
    } catch (IOException e) {
      classData.afterExit().run();
      throw new UncheckedIOException(e);
    }
  }

  /** A jar process still running; its output is collected as it comes. */
  static final class Running {
    final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> outDone;
    private final CompletableFuture<Void> errDone;

    Running(Process process) {
      this.process = process;
      this.outDone = CompletableFuture.runAsync(() -> pump(process.inputReader(), stdout));
      this.errDone =
          CompletableFuture.runAsync(
              () ->
                  pump(
                      new BufferedReader(
                          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                      stderr));
    }

    /** Waits until stderr shows a line containing {@code text}; fails after {@code timeout}. */
    void awaitStderr(String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (stderr.stream().anyMatch(line -> line.contains(text))) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError(
              "lockstep exited before printing '" + text + "':\n" + String.join("\n", stderr));
        }
        Thread.sleep(50);
      }
      throw new AssertionError(
          "lockstep did not print '"
              + text
              + "' in "
              + timeout
              + ":\n"
              + String.join("\n", stderr));
    }

    /** kill -9. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    Result await(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          // A test that gives up must not leave the servers and services it started behind.
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError(
              "lockstep did not finish in " + timeout + ":\n" + String.join("\n", stderr));
        }
        outDone.join();
        errDone.join();
        return new Result(
            process.exitValue(), String.join("\n", stdout), String.join("\n", stderr));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private static void pump(BufferedReader reader, List<String> lines) {
      try (reader) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // The process died; what was read is what there is.
      }
    }
  }
}
