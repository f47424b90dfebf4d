package dev.lockstep.targets.command;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.secrets.SecretRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the shell commands a deployment config holds (the command target's templates, the product's
 * own migrate and log commands) the one way every such command runs: through the target's shell, in
 * the config's folder, appended to a log, with a deadline, by the deployment's {@link
 * ProcessRunner}, and with the deployment's database in {@code PGHOST}, {@code PGPORT}, {@code
 * PGDATABASE}, {@code PGUSER} and a temporary {@code PGPASSFILE}.
 */
public final class ShellRunner {
  private final String shell;
  private final Path workingDir;
  private final Path logFile;
  private final ProcessRunner runner;
  private final DatabaseConfig database;

  /**
   * @param logFile appended to; null for no log
   * @param database handed to every command (a password file, never the password); null for none
   */
  public ShellRunner(
      String shell, Path workingDir, Path logFile, ProcessRunner runner, DatabaseConfig database) {
    this.shell = shell;
    this.workingDir = workingDir;
    this.logFile = logFile;
    this.runner = runner;
    this.database = database;
  }

  /** What is masked in the log and in what is kept. */
  public SecretRegistry secrets() {
    return runner.secrets();
  }

  /**
   * @param label what the log calls this command, e.g. {@code api@local install}
   * @param env added to the child's environment; a password never travels here
   * @param keepLines how many of the last lines of output to keep
   */
  public ProcessResult run(
      String label, String command, Map<String, String> env, Duration deadline, int keepLines) {
    ProcessResult result =
        runner.run(
            ProcessSpec.shell(label, shell, command)
                .in(workingDir)
                .withEnvironment(env)
                .withDatabase(database)
                .withDeadline(deadline)
                .loggedTo(logFile)
                .keepingLines(keepLines));
    if (result.notStarted()) {
      String reason =
          result.lastOutput()
              + " (fix: set target.shell to an installed shell, and check that "
              + workingDir
              + " exists)";
      return new ProcessResult(
          result.label(),
          result.ending(),
          result.exitCode(),
          List.of(),
          List.of(reason),
          List.of(),
          result.took());
    }
    return result;
  }
}
