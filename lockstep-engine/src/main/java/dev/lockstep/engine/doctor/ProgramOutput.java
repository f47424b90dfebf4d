package dev.lockstep.engine.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a program that only reports about itself ({@code pg_dump --version}, {@code docker compose
 * version}) and returns what it printed. It is given no secret: the database password variables of
 * Lockstep's own environment are removed, as for every other child.
 */
final class ProgramOutput {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final List<String> SECRETS = List.of("PGPASSWORD", "PGPASSFILE", "PGSERVICE");

  private ProgramOutput() {}

  /** stdout and stderr together, or empty if it could not run, failed, or took too long. */
  static Optional<String> of(Path program, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(program.toString());
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    SECRETS.forEach(env::remove);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      // Read aside, so that a program that never closes its output still meets the deadline.
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(() -> readQuietly(process.getInputStream()));
      if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      byte[] bytes = output.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      return process.exitValue() == 0
          ? Optional.of(new String(bytes, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException | ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static byte[] readQuietly(InputStream in) {
    try (in) {
      return in.readNBytes(64 * 1024);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
