package dev.lockstep.postgres.dump;

/**
 * What one table holds, in a form two databases can be compared by: its exact row count and a hash
 * of its rows that does not depend on their order.
 *
 * @param contentHash the sum of a 64-bit hash of every row, prefixed by how rows were hashed:
 *     {@code h:} (PostgreSQL's own hash functions) or {@code m:} (md5 of the row's text)
 */
public record TableFingerprint(long rows, String contentHash) {}
