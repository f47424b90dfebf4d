package dev.lockstep.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One migration recorded in a tool's history table.
 *
 * @param id how the tool names the migration: Flyway's version (the script name for a repeatable
 *     migration), Liquibase's {@code file::id::author}, the Rails or golang-migrate version,
 *     Prisma's migration name, Django's {@code app.name}, Drizzle's name (drizzle-orm 1.x) or its
 *     {@code created_at} milliseconds (0.x)
 * @param description what the migration does, where the tool records it; null otherwise
 * @param appliedAt when it was applied; null where the tool does not record it
 * @param success false for a migration that failed or never finished
 * @param executionTime how long it ran; null where the tool does not record it
 * @param checksum the tool's checksum of the migration; null where there is none
 * @param detail tool-specific facts (type and script, author, app, ...); may be null
 */
public record HistoryEntry(
    String id,
    String description,
    Instant appliedAt,
    boolean success,
    Duration executionTime,
    String checksum,
    String detail) {

  public HistoryEntry {
    Objects.requireNonNull(id, "id");
  }
}
