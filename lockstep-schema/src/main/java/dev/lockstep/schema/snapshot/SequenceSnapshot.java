package dev.lockstep.schema.snapshot;

/**
 * A sequence that is not an identity column's own (those belong to their column).
 *
 * @param ownedBy the column it belongs to ({@code schema.table.column}), as a {@code serial}
 *     column's sequence does, or null
 */
public record SequenceSnapshot(
    long oid,
    String schema,
    String name,
    String type,
    long start,
    long increment,
    long min,
    long max,
    boolean cycle,
    String ownedBy) {

  public String qualifiedName() {
    return schema + "." + name;
  }
}
