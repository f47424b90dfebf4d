package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.process.ProcessResult;

/**
 * How a store's command failed, in words: which command (secrets hidden), its exit, and the last
 * lines it wrote (stderr, or stdout when it wrote nothing there).
 */
final class CommandFailure {
  private CommandFailure() {}

  static LockstepException failed(
      ErrorCode code, String which, StoreConfig store, ProcessResult result, SetWork work) {
    String template = which.equals("dump") ? store.dump() : store.load();
    return new LockstepException(
        code,
        "the "
            + which
            + " command of store '"
            + store.name()
            + "' (`"
            + work.secrets().redact(template)
            + "`) "
            + describe(result, work)
            + "\nFix the cause above and run it again.");
  }

  static String describe(ProcessResult result, SetWork work) {
    String tail = result.lastOutput();
    String output = tail.isBlank() ? "(it printed nothing)" : tail.strip();
    String how =
        result.timedOut() ? "was stopped at its deadline" : "exited with " + result.exitCode();
    return how + ":\n    " + work.secrets().redact(output).replace("\n", "\n    ");
  }
}
