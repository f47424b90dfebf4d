package dev.lockstep.targets.compose;

import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.secrets.SecretRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs compose and engine commands through the deployment's {@link ProcessRunner}: in the config
 * file's folder (so relative paths in the compose file mean what the operator means), appended to
 * the target's log, secrets masked, stderr kept apart so that stdout can be parsed.
 */
final class ComposeRunner {
  private final ComposeCommand command;
  private final ProcessRunner runner;
  private final Path workingDir;
  private final Path logFile;

  ComposeRunner(ComposeCommand command, ProcessRunner runner, Path workingDir, Path logFile) {
    this.command = command;
    this.runner = runner;
    this.workingDir = workingDir;
    this.logFile = logFile;
  }

  ComposeCommand command() {
    return command;
  }

  Path logFile() {
    return logFile;
  }

  SecretRegistry secrets() {
    return runner.secrets();
  }

  /** {@code <compose> … verb…}. */
  ProcessResult compose(String label, List<String> verb, Duration deadline, int keepLines) {
    return run(label, command.argv(verb), deadline, keepLines, logFile);
  }

  /** {@code <compose> … verb…}, its output appended to {@code log} instead of the target's. */
  ProcessResult compose(
      String label, List<String> verb, Duration deadline, int keepLines, Path log) {
    return run(label, command.argv(verb), deadline, keepLines, log);
  }

  /** Any program, e.g. the engine's own CLI. */
  ProcessResult run(String label, List<String> argv, Duration deadline) {
    return run(label, argv, deadline, 20, logFile);
  }

  private ProcessResult run(
      String label, List<String> argv, Duration deadline, int keepLines, Path log) {
    return runner.run(
        ProcessSpec.of(label, argv)
            .in(workingDir)
            .withDeadline(deadline)
            .loggedTo(log)
            .keepingLines(keepLines));
  }
}
