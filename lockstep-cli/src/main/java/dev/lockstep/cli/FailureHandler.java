package dev.lockstep.cli;

import dev.lockstep.cli.commands.OutputOptions;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.io.Json;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into its message and exit code. Stack traces only with {@code --stacktrace}: the
 * message itself says what happened and how to fix it.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    OutputOptions output = OutputOptions.of(commandLine);
    if (e instanceof LockstepException failure) {
      err.println("lockstep: " + failure.getMessage());
      if (output.json()) {
        commandLine
            .getOut()
            .println(
                Json.write(
                    Map.of(
                        "error",
                        Map.of(
                            "code",
                            failure.errorCode().name().toLowerCase(Locale.ROOT),
                            "exitCode",
                            failure.exitCode(),
                            "message",
                            failure.getMessage()))));
      }
      if (output.stacktrace()) {
        e.printStackTrace(err);
      }
      return failure.exitCode();
    }
    err.println("lockstep: internal error: " + e + " (run again with --stacktrace for details)");
    if (output.stacktrace()) {
      e.printStackTrace(err);
    }
    return 1;
  }
}
