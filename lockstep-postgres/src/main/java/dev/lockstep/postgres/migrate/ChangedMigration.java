package dev.lockstep.postgres.migrate;

/**
 * An applied migration whose file in the release is no longer what the database applied: another
 * text (Flyway's checksum), description or kind. Flyway refuses to migrate past it.
 *
 * @param file the release's file, as Flyway found it
 * @param detail Flyway's own words, with both checksums
 */
public record ChangedMigration(String version, String description, String file, String detail) {}
