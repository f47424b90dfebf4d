package dev.lockstep.checks;

import dev.lockstep.core.config.CommandCheckConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.yaml.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a check's shell command and compares its exit code with the expected one. The command gets
 * the deployment's database in {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}
 * and a temporary {@code PGPASSFILE}, so that {@code psql -c 'SELECT 1'} works without a password
 * on its command line.
 */
final class CommandProbe implements Probe {
  private static final int MAX_LINE_CHARS = 200;
  private static final int LINES_KEPT = 10;
  private static final int LINES_SHOWN = 4;
  private static final Pattern ERROR_LINE =
      Pattern.compile("\\b(error|fatal|exception|failed|panic)\\b", Pattern.CASE_INSENSITIVE);

  private final CommandCheckConfig check;
  private final String shell;
  private final Path workingDir;
  private final ProcessRunner processes;
  private final DatabaseConfig database;
  private final Redactor redactor;

  /**
   * @param workingDir where the command runs; null for Lockstep's working directory
   * @param database handed to the command as a password file; null for none
   */
  CommandProbe(
      CommandCheckConfig check,
      String shell,
      Path workingDir,
      ProcessRunner processes,
      DatabaseConfig database,
      Redactor redactor) {
    this.check = check;
    this.shell = shell;
    this.workingDir = workingDir;
    this.processes = processes;
    this.database = database;
    this.redactor = redactor;
  }

  @Override
  public Attempt attempt(Duration timeout) {
    ProcessResult result;
    try {
      result =
          processes.run(
              ProcessSpec.shell("check", shell, check.run())
                  .in(workingDir)
                  .withDatabase(database)
                  .withDeadline(timeout)
                  .keepingLines(LINES_KEPT));
    } catch (IllegalStateException e) {
      // Interrupted: Lockstep is stopping, and the check ends with what it saw.
      return Attempt.failed(quoted() + ": interrupted");
    }
    if (result.notStarted()) {
      return Attempt.failed("cannot run " + quoted() + " with " + shell + ": " + lastLine(result));
    }
    if (result.timedOut()) {
      return Attempt.failed(
          quoted() + " did not finish within " + Durations.format(timeout) + suffix(result));
    }
    if (result.exitCode() != check.expectExitCode()) {
      return Attempt.failed(
          quoted()
              + " exited with code "
              + result.exitCode()
              + ", expected "
              + check.expectExitCode()
              + suffix(result));
    }
    return Attempt.passed(quoted() + " exited with code " + result.exitCode());
  }

  private String quoted() {
    return "`" + redactor.excerpt(check.run(), MAX_LINE_CHARS) + "`";
  }

  /**
   * ": <the error lines>", or nothing when it printed nothing. The last line alone is often only a
   * pointer (psql ends an error with a caret under the failing token), so the excerpt starts at the
   * first line that reads like an error, or shows the last few lines when none does.
   */
  private String suffix(ProcessResult result) {
    List<String> lines = result.tail().stream().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return "";
    }
    int first = Math.max(0, lines.size() - LINES_SHOWN);
    for (int i = 0; i < lines.size(); i++) {
      if (ERROR_LINE.matcher(lines.get(i)).find()) {
        first = i;
        break;
      }
    }
    List<String> shown = lines.subList(first, Math.min(lines.size(), first + LINES_SHOWN));
    return ": "
        + String.join(
            " / ", shown.stream().map(l -> redactor.excerpt(l.strip(), MAX_LINE_CHARS)).toList());
  }

  private String lastLine(ProcessResult result) {
    List<String> lines = result.tail().stream().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : redactor.excerpt(lines.get(lines.size() - 1), MAX_LINE_CHARS);
  }
}
