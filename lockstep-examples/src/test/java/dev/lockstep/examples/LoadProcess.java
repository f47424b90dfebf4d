package dev.lockstep.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadGenerator} on a JVM of its own, for the benchmark: the clients then measure the
 * fleet alone, not also the pauses of the JVM that runs Lockstep (its compiler, its collector).
 */
final class LoadProcess {
  private final Process process;

  private LoadProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code threads} clients sending {@code perSecond} requests to the loopback port. */
  static LoadProcess start(int port, int threads, int perSecond) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LoadGenerator.class.getName(),
                    Integer.toString(port),
                    Integer.toString(threads),
                    Integer.toString(perSecond)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new LoadProcess(process);
  }

  /** Stops the clients, waits for the requests in flight, and reads what they saw. */
  LoadResult stop() throws IOException, InterruptedException {
    process.getOutputStream().close();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      LoadResult result = LoadResult.read(out);
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("the load's JVM did not end well");
      }
      return result;
    } finally {
      process.destroyForcibly();
    }
  }
}
