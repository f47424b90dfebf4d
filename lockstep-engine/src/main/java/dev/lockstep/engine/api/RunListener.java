package dev.lockstep.engine.api;

import dev.lockstep.journal.Phase;
import java.time.Duration;

/** What a run tells its user while it goes: the CLI prints it, tests may record it. */
public interface RunListener {

  /** A step is about to run: {@code number} of {@code total} in its phase. */
  default void stepStarted(Phase phase, int number, int total, String description) {}

  default void stepSucceeded(Phase phase, String description, Duration took, String detail) {}

  default void stepFailed(Phase phase, String description, Duration took, String reason) {}

  /**
   * A rolling upgrade's progress: {@code node} of {@code service} entered {@code phase} (draining,
   * stopping, starting, ready…), with {@code done} of {@code total} nodes replaced so far.
   */
  default void nodeProgress(String service, String node, String phase, int done, int total) {}

  /**
   * An upgrade is about to stop the services of the deployment: run {@code runId}'s downtime
   * starts. Told once per run, not again when a resumed run repeats its stop.
   */
  default void downtimeStarts(String runId) {}

  /** Something the operator must see now: a rollback decision, a data-loss window. */
  default void notice(String message) {}

  RunListener NONE = new RunListener() {};
}
