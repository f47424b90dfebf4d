package dev.lockstep.postgres.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link MigrationRunner#migrate} call did.
 *
 * @param applied the migrations this call applied, in order; empty when nothing was pending
 * @param duration how long it took, waiting for the lock included
 */
public record MigrationResult(List<AppliedMigration> applied, Duration duration) {

  public MigrationResult {
    applied = List.copyOf(applied);
  }
}
