package dev.lockstep.schema.observe;

/**
 * The strongest lock a statement held on one relation that existed before it ran.
 *
 * @param relation {@code schema.name}
 * @param relationKind {@code table}, {@code partitioned table}, {@code index}, {@code view} …
 */
public record HeldLock(String relation, String relationKind, LockMode mode) {

  @Override
  public String toString() {
    return mode.pgName() + " on " + relationKind + " " + relation;
  }
}
