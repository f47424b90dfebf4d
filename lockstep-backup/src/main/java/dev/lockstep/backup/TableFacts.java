package dev.lockstep.backup;

/**
 * One table at backup time, read in the dump's own snapshot.
 *
 * @param contentHash an order-independent hash of the rows: the sum of the first 64 bits of {@code
 *     md5(row::text)} over all rows, in decimal
 */
public record TableFacts(long rows, String contentHash) {}
