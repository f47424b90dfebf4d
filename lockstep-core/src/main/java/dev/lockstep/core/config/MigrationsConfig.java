package dev.lockstep.core.config;

import java.time.Duration;

/**
 * How Lockstep applies a release's migrations.
 *
 * @param historyTable the table that records applied migrations (Flyway's layout)
 * @param lockWait how long to wait for another Lockstep holding the migration lock
 */
public record MigrationsConfig(String historyTable, Duration lockWait) {}
