package dev.lockstep.postgres.migrate;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.util.List;

/**
 * A migration failed. Postgres rolls back the failing migration; the ones this run applied before
 * it stay applied, and the rollback decision depends on them, so they are carried here.
 */
public final class MigrationFailedException extends LockstepException {
  private final String failedVersion;
  private final List<AppliedMigration> appliedBefore;

  public MigrationFailedException(
      String message, String failedVersion, List<AppliedMigration> appliedBefore, Throwable cause) {
    super(ErrorCode.MIGRATION_FAILED, message, cause);
    this.failedVersion = failedVersion;
    this.appliedBefore = List.copyOf(appliedBefore);
  }

  /** The Flyway version of the migration that failed, or null when no single migration did. */
  public String failedVersion() {
    return failedVersion;
  }

  /** The migrations this run applied before the failure, in order. */
  public List<AppliedMigration> appliedBefore() {
    return appliedBefore;
  }
}
