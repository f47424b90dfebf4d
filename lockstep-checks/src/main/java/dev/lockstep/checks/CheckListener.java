package dev.lockstep.checks;

import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.report.CheckResult;

/**
 * Hears every attempt of a check as it happens, so that a long wait for health can show "retrying
 * health (2/4)…" instead of silence. Every method does nothing unless overridden.
 */
public interface CheckListener {
  CheckListener NONE = new CheckListener() {};

  /** Attempt {@code attempt} of at most {@code maxAttempts} begins; attempts count from 1. */
  default void attemptStarted(CheckConfig check, int attempt, int maxAttempts) {}

  /** An attempt failed with {@code message}; another follows if attempts and deadline allow. */
  default void attemptFailed(CheckConfig check, int attempt, int maxAttempts, String message) {}

  /** The check is decided. */
  default void finished(CheckResult result) {}
}
