package dev.lockstep.core.config;

import java.time.Duration;

/**
 * A validation check run after every deployment: exactly one of {@code http} or {@code command}. A
 * check is tried up to {@code 1 + retries} times, {@code interval} apart, and fails when its {@code
 * deadline} passes.
 */
public record CheckConfig(
    String name,
    HttpCheckConfig http,
    CommandCheckConfig command,
    Duration deadline,
    int retries,
    Duration interval) {}
