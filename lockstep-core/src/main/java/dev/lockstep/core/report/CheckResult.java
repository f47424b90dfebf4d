package dev.lockstep.core.report;

import java.time.Duration;

/**
 * The outcome of one validation check.
 *
 * @param attempts how many times it was tried
 * @param message what the last attempt saw: the status and assertion that failed, or "ok"
 */
public record CheckResult(
    String name, boolean passed, int attempts, Duration duration, String message) {}
