package dev.lockstep.postgres.migrate;

import java.time.Duration;

/** Hears what a migration run waits for, so the operator sees it while it happens. */
public interface MigrationListener {

  /**
   * A migration gave up waiting for its lock ({@code lock_timeout}) and will be tried again.
   *
   * @param blockers the sessions holding locks in its way, in words
   */
  default void lockTimedOut(int attempt, int attempts, Duration backoff, String blockers) {}

  MigrationListener NONE = new MigrationListener() {};
}
