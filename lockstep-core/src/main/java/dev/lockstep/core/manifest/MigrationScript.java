package dev.lockstep.core.manifest;

import java.nio.file.Path;

/**
 * One SQL migration of a release and its declared class.
 *
 * @param version Flyway's version, taken from the file name ({@code 2} for {@code V2__x.sql}), or
 *     the id the product's own tool records
 * @param file the SQL file, for Lockstep's own runner; null when the product migrates itself
 */
public record MigrationScript(String version, String description, Path file, MigrationClass type) {}
