package dev.lockstep.engine.watch;

import java.time.Duration;

/** Waits between two rounds of sampling: the real clock's sleep, or a test's. */
@FunctionalInterface
public interface Pause {
  void sleep(Duration duration);

  /** {@link Thread#sleep}; an interrupt ends the wait early and is kept for the caller. */
  Pause REAL =
      duration -> {
        try {
          Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
}
