package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.internal.CommandResult;
import java.util.List;

/**
 * How a store's command failed, in words: which command (secrets hidden), its exit, and the last
 * lines it wrote (stderr, or stdout when it wrote nothing there).
 */
final class CommandFailure {
  private CommandFailure() {}

  static LockstepException failed(
      ErrorCode code, String which, StoreConfig store, CommandResult result, SetWork work) {
    String template = which.equals("dump") ? store.dump() : store.load();
    return new LockstepException(
        code,
        "the "
            + which
            + " command of store '"
            + store.name()
            + "' (`"
            + work.redactor().redact(template)
            + "`) "
            + describe(result, work)
            + "\nFix the cause above and run it again.");
  }

  static String describe(CommandResult result, SetWork work) {
    String tail = result.stderrTail().isBlank() ? lastLines(result.stdout()) : result.stderrTail();
    String output = tail.isBlank() ? "(it printed nothing)" : tail.strip();
    String how =
        result.exitCode() == -1
            ? "was stopped at its deadline"
            : "exited with " + result.exitCode();
    return how + ":\n    " + work.redactor().redact(output).replace("\n", "\n    ");
  }

  private static String lastLines(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
