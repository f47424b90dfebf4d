package dev.lockstep.checks;

import dev.lockstep.core.config.CommandCheckConfig;
import dev.lockstep.core.yaml.Durations;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs a check's shell command and compares its exit code with the expected one. */
final class CommandProbe implements Probe {
  private static final int MAX_LINE_CHARS = 200;
  private static final int MAX_OUTPUT_BYTES = 16 * 1024;

  private final CommandCheckConfig check;
  private final String shell;
  private final Path workingDir;
  private final Redactor redactor;

  /**
   * @param workingDir where the command runs; null for Lockstep's own working directory
   */
  CommandProbe(CommandCheckConfig check, String shell, Path workingDir, Redactor redactor) {
    this.check = check;
    this.shell = shell;
    this.workingDir = workingDir;
    this.redactor = redactor;
  }

  @Override
  public Attempt attempt(Duration timeout) {
    Path output = null;
    try {
      // A file, not a pipe: a background process the command leaves behind may keep a pipe open
      // for ever, but cannot keep Lockstep from reading a file.
      output = Files.createTempFile("lockstep-check-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(shell, "-c", check.run())
              .redirectInput(Redirect.from(new File("/dev/null")))
              .redirectOutput(output.toFile())
              .redirectErrorStream(true);
      if (workingDir != null) {
        builder.directory(workingDir.toFile());
      }
      Process process = builder.start();
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killTree(process);
        return Attempt.failed(
            quoted() + " did not finish within " + Durations.format(timeout) + lastLine(output));
      }
      int exitCode = process.exitValue();
      if (exitCode != check.expectExitCode()) {
        return Attempt.failed(
            quoted()
                + " exited with code "
                + exitCode
                + ", expected "
                + check.expectExitCode()
                + lastLine(output));
      }
      return Attempt.passed(quoted() + " exited with code " + exitCode);
    } catch (IOException e) {
      return Attempt.failed("cannot run " + quoted() + " with " + shell + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Attempt.failed(quoted() + ": interrupted");
    } finally {
      deleteQuietly(output);
    }
  }

  private String quoted() {
    return "`" + redactor.excerpt(check.run(), MAX_LINE_CHARS) + "`";
  }

  /** ": <last line of output>", or nothing when it printed nothing. */
  private String lastLine(Path output) {
    try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
      long start = Math.max(0, file.length() - MAX_OUTPUT_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      List<String> lines =
          new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty()
          ? ""
          : ": " + redactor.excerpt(lines.get(lines.size() - 1), MAX_LINE_CHARS);
    } catch (IOException e) {
      return "";
    }
  }

  private static void killTree(Process process) throws InterruptedException {
    List<ProcessHandle> family =
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    family.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(5, TimeUnit.SECONDS);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless.
    }
  }
}
