package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.postgres.migrate.ChangedMigration;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every migration the database already applied is shipped by the target release with the same text
 * (Flyway's checksum), description and kind. Flyway refuses to migrate past one that changed, which
 * the run would only learn at {@code migrate}, with the services already stopped; this is bad input
 * in the release (exit 2), found before anything is touched.
 */
public final class AppliedMigrationsGate implements Gate {
  private static final String NAME = "applied migrations unchanged";

  @Override
  public GateResult check(GateContext context) {
    ReleaseManifest target = context.target();
    if (target.runner() != MigrationRunnerKind.LOCKSTEP) {
      return GateResult.passed(NAME, "not Lockstep's to check: the product's tool applies them");
    }
    if (!context.database().reachable()) {
      return GateResult.blocked(NAME, "cannot read it: the database is not reachable.", null);
    }
    if (context.database().appliedVersions().isEmpty() || target.migrations().isEmpty()) {
      return GateResult.passed(NAME, "no migration applied yet");
    }
    List<ChangedMigration> changed;
    try {
      changed =
          new MigrationRunner(context.config().database(), context.config().migrations())
              .changedSinceApplied(target);
    } catch (LockstepException e) {
      return GateResult.blocked(NAME, e.getMessage(), null);
    }
    if (changed.isEmpty()) {
      return GateResult.passed(
          NAME,
          context.database().appliedVersions().size()
              + " applied, each shipped unchanged by "
              + target.version());
    }
    return GateResult.invalid(
        NAME,
        "release "
            + target.version()
            + " ships "
            + changed.stream()
                .map(AppliedMigrationsGate::describe)
                .collect(Collectors.joining("; "))
            + " ("
            + target.file()
            + ").",
        "a released migration is never edited (a change goes into a new migration): ship "
            + (changed.size() == 1 ? "it" : "each")
            + " exactly as the database applied it, from the release that did. If the vendor"
            + " changed it on purpose and the schema already matches the new text, record the new"
            + " checksum in "
            + context.config().migrations().historyTable()
            + " (what `flyway repair` does), then plan again.");
  }

  private static String describe(ChangedMigration migration) {
    return MigrationScript.label(migration.version(), migration.description())
        + " ("
        + migration.file()
        + ") differently from what the database applied: "
        + migration.detail();
  }
}
