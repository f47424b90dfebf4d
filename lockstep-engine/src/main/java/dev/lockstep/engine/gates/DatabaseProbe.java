package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingCalculator;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One look at the live state stores before planning: is the database reachable, which server, which
 * migrations it already has, and how big everything a backup will copy is.
 *
 * @param error why a store could not be read, or null
 * @param storesBytes the size of every store (a dump is rarely larger); command stores count 0
 * @param appliedVersions the migrations the history table counts as applied
 */
public record DatabaseProbe(
    String error, String serverVersion, long storesBytes, List<String> appliedVersions) {

  /**
   * @param target the release to plan for: its runner says which history table holds the migrations
   *     (Lockstep's own, or the product's tool's)
   */
  public static DatabaseProbe of(
      DeploymentConfig config, MigrationRunner migrations, ReleaseManifest target) {
    try {
      long bytes = 0;
      for (StoreConfig store : config.stores()) {
        bytes += sizeOf(store);
      }
      return new DatabaseProbe(
          null,
          new Database(config.database()).serverVersion(),
          bytes,
          applied(config, migrations, target));
    } catch (LockstepException | UncheckedIOException e) {
      return new DatabaseProbe(e.getMessage(), null, 0, List.of());
    }
  }

  public boolean reachable() {
    return error == null;
  }

  /**
   * Versions from Lockstep's own table; for a product that migrates itself, the target's ids its
   * tool counts as applied, and any id the target does not ship (which the history gate names).
   */
  private static List<String> applied(
      DeploymentConfig config, MigrationRunner migrations, ReleaseManifest target) {
    if (target.runner() == MigrationRunnerKind.LOCKSTEP) {
      return migrations.history().stream()
          .filter(AppliedMigration::success)
          .map(AppliedMigration::version)
          .toList();
    }
    MigrationHistory history = new ReleaseHistory(config, target).read();
    List<String> shipped = ReleaseHistory.declaredIds(target);
    List<String> applied = new ArrayList<>(ReleaseHistory.applied(history, shipped));
    applied.addAll(PendingCalculator.compare(history, shipped).unknown());
    return applied;
  }

  private static long sizeOf(StoreConfig store) {
    return switch (store.kind()) {
      case POSTGRES -> new Database(store.database()).sizeBytes();
      case FILES -> folderSize(store.path());
      case COMMAND -> 0;
    };
  }

  private static long folderSize(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(DatabaseProbe::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + folder, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
