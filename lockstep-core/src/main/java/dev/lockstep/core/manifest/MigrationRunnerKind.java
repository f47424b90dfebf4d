package dev.lockstep.core.manifest;

/** Who applies a release's migrations. */
public enum MigrationRunnerKind {
  /** Lockstep, with Flyway, from the release's SQL folder. */
  LOCKSTEP,
  /** The product's own migrate command (or a one-shot container), run by Lockstep. */
  COMMAND,
  /** The product itself, when it starts; Lockstep watches its history table and log. */
  STARTUP
}
