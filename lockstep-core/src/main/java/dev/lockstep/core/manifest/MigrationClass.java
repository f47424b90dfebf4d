package dev.lockstep.core.manifest;

/**
 * Whether the version before a migration still works after it. It decides the rollback: after an
 * expand migration the services can be reverted, after a contract one only a restore is safe.
 */
public enum MigrationClass {
  /** Adds only: the previous release still works on the new schema. */
  EXPAND,
  /** Drops, renames or narrows something the previous release uses. */
  CONTRACT;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
