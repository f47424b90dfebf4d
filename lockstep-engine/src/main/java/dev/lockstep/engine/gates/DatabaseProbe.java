package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.util.List;

/**
 * One look at the live database before planning: is it reachable, which server, how big, which
 * migrations it already has.
 *
 * @param error why it could not be reached, or null
 */
public record DatabaseProbe(
    String error, String serverVersion, long sizeBytes, List<AppliedMigration> history) {

  public static DatabaseProbe of(Database database, MigrationRunner migrations) {
    try {
      return new DatabaseProbe(
          null, database.serverVersion(), database.sizeBytes(), migrations.history());
    } catch (LockstepException e) {
      return new DatabaseProbe(e.getMessage(), null, 0, List.of());
    }
  }

  public boolean reachable() {
    return error == null;
  }

  public List<String> appliedVersions() {
    return history.stream()
        .filter(AppliedMigration::success)
        .map(AppliedMigration::version)
        .toList();
  }
}
