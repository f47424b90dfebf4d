package dev.lockstep.engine;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.ConfigShape;
import java.util.List;

/**
 * Before a run goes on after a crash: the config it is resumed with must not make it act on other
 * things than it started on (another database, other stores, other services), and, to go forward,
 * must not change how its steps work. A rollback may go on with a changed config (the change may be
 * the operator's fix for what made it fail); it is told what changed.
 */
final class ConfigChangeCheck {
  private final RunListener listener;

  ConfigChangeCheck(RunListener listener) {
    this.listener = listener;
  }

  /**
   * @param forward whether the run is about to go forward (not roll back)
   */
  void check(String runId, ConfigShape recorded, ConfigShape now, boolean forward) {
    List<String> changed = recorded.differences(now);
    if (changed.isEmpty()) {
      return;
    }
    List<String> identity = changed.stream().filter(ConfigShape::isIdentity).toList();
    if (!identity.isEmpty()) {
      throw new LockstepException(
          ErrorCode.CONFIG_CHANGED,
          "The config changed since run "
              + runId
              + " started, in what the run acts on: "
              + recorded.describe(identity, now)
              + ". Nothing was touched. Fix: put "
              + (identity.size() == 1 ? "this field" : "these fields")
              + " back as they were when the run started, then resume.");
    }
    if (forward) {
      throw new LockstepException(
          ErrorCode.CONFIG_CHANGED,
          "The config changed since run "
              + runId
              + " started: "
              + recorded.describe(changed, now)
              + ". Going on would not do what the run started to do. Nothing was touched. Fix:"
              + " put the config back as it was, or undo the run with `lockstep resume"
              + " --rollback`.");
    }
    listener.notice(
        "The config changed since run "
            + runId
            + " started ("
            + recorded.describe(changed, now)
            + "); rolling back with the config as it is now.");
  }
}
