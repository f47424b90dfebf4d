package dev.lockstep.postgres.migrate;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the migration history table.
 *
 * @param version Flyway's version as text ({@code 2}, {@code 2.1}); null for repeatable migrations
 * @param success false for a migration that failed where Postgres could not roll it back
 */
public record AppliedMigration(
    String version,
    String description,
    String script,
    boolean success,
    Instant installedOn,
    Duration executionTime) {}
