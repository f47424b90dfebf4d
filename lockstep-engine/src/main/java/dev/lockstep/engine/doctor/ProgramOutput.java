package dev.lockstep.engine.doctor;

import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a program that only reports about itself ({@code pg_dump --version}, {@code docker compose
 * version}) and returns what it printed. It runs as every child of Lockstep does, through the one
 * {@link ProcessRunner}: no inherited database credential, a deadline.
 */
final class ProgramOutput {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private ProgramOutput() {}

  /** stdout and stderr together, or empty if it could not run, failed, or took too long. */
  static Optional<String> of(Path program, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(program.toString());
    argv.addAll(List.of(args));
    ProcessResult result =
        ProcessRunner.standalone()
            .run(
                ProcessSpec.of(program.getFileName().toString(), argv)
                    .withMergedErrors()
                    .withDeadline(DEADLINE));
    return result.succeeded()
        ? Optional.of(String.join("\n", result.head()).strip())
        : Optional.empty();
  }
}
