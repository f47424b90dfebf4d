package dev.lockstep.engine.adopt;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.history.HistoryEntry;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingCalculator;
import dev.lockstep.history.PendingMigrations;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.ChangedMigration;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The database's migration history is the release's, exactly: every migration it ships applied,
 * none failed or changed since, none it does not know. Reads only.
 */
final class HistoryMatch {
  private final DeploymentConfig config;
  private final MigrationRunner migrations;

  HistoryMatch(DeploymentConfig config, MigrationRunner migrations) {
    this.config = config;
    this.migrations = migrations;
  }

  Finding check(ReleaseManifest release) {
    return release.runner() == MigrationRunnerKind.LOCKSTEP
        ? lockstepHistory(release)
        : productHistory(release);
  }

  /** Lockstep's own table, as Flyway keeps it. */
  private Finding lockstepHistory(ReleaseManifest release) {
    List<String> shipped = ReleaseHistory.declaredIds(release);
    List<AppliedMigration> rows =
        migrations.history().stream().filter(row -> row.version() != null).toList();
    List<String> mismatches = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    for (AppliedMigration row : rows) {
      if (!row.success()) {
        mismatches.add("migration " + row.version() + " is recorded as failed");
      } else if (!shipped.contains(row.version())) {
        mismatches.add(unknown(row.version(), release));
      } else {
        applied.add(row.version());
      }
    }
    shipped.stream()
        .filter(id -> !applied.contains(id))
        .forEach(id -> mismatches.add(pending(id, release)));
    for (ChangedMigration changed : migrations.changedSinceApplied(release)) {
      mismatches.add(
          "migration " + changed.version() + " differs from what was applied: " + changed.detail());
    }
    return new Finding(summary(applied, config.migrations().historyTable()), mismatches);
  }

  /** The product's tool's table, read as it is. */
  private Finding productHistory(ReleaseManifest release) {
    ReleaseHistory releaseHistory = new ReleaseHistory(config, release);
    MigrationHistory history = releaseHistory.read();
    List<String> shipped = ReleaseHistory.declaredIds(release);
    PendingMigrations compared = PendingCalculator.compare(history, shipped);
    List<String> mismatches = new ArrayList<>();
    ReleaseHistory.unfinished(history, shipped)
        .forEach(id -> mismatches.add("migration " + id + " is recorded as failed or unfinished"));
    history.dirty().forEach(dirty -> mismatches.add(dirty.what() + " (" + dirty.wayOut() + ")"));
    compared.pending().forEach(id -> mismatches.add(pending(id, release)));
    compared.unknown().forEach(id -> mismatches.add(unknown(id, release)));
    List<String> applied = compared.applied().stream().map(HistoryEntry::id).toList();
    return new Finding(summary(applied, history.table()), mismatches);
  }

  private static List<String> summary(List<String> applied, String table) {
    return List.of(
        applied.size()
            + " migration"
            + (applied.size() == 1 ? "" : "s")
            + " applied in "
            + table
            + (applied.isEmpty() ? "" : ": " + String.join(", ", applied)));
  }

  private static String pending(String id, ReleaseManifest release) {
    return "migration "
        + id
        + " of "
        + release.version()
        + " is not applied (a release older than "
        + release.version()
        + " runs, or its migrations were never run)";
  }

  private static String unknown(String id, ReleaseManifest release) {
    return "migration "
        + id
        + " is applied but "
        + release.version()
        + " does not ship it (a newer release ran here, or it was applied by hand)";
  }
}
