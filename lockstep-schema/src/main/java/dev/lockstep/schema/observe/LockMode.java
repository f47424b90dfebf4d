package dev.lockstep.schema.observe;

/**
 * PostgreSQL's table-level lock modes, weakest first, with the name {@code pg_locks} gives them.
 */
public enum LockMode {
  ACCESS_SHARE("AccessShareLock"),
  ROW_SHARE("RowShareLock"),
  ROW_EXCLUSIVE("RowExclusiveLock"),
  SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
  SHARE("ShareLock"),
  SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
  EXCLUSIVE("ExclusiveLock"),
  ACCESS_EXCLUSIVE("AccessExclusiveLock");

  private final String pgName;

  LockMode(String pgName) {
    this.pgName = pgName;
  }

  public String pgName() {
    return pgName;
  }

  /** Whether inserts, updates and deletes of the table wait while it is held. */
  public boolean blocksWrites() {
    return compareTo(SHARE) >= 0;
  }

  /** Whether plain reads of the table wait while it is held. */
  public boolean blocksReads() {
    return this == ACCESS_EXCLUSIVE;
  }

  public static LockMode fromPg(String name) {
    for (LockMode mode : values()) {
      if (mode.pgName.equals(name)) {
        return mode;
      }
    }
    // SIReadLock and the like are not table locks that block anyone.
    return ACCESS_SHARE;
  }
}
