package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One look at the live state stores before planning: is the database reachable, which server, which
 * migrations it already has, and how big everything a backup will copy is.
 *
 * @param error why a store could not be read, or null
 * @param storesBytes the size of every store (a dump is rarely larger); command stores count 0
 */
public record DatabaseProbe(
    String error, String serverVersion, long storesBytes, List<AppliedMigration> history) {

  public static DatabaseProbe of(DeploymentConfig config, MigrationRunner migrations) {
    try {
      long bytes = 0;
      for (StoreConfig store : config.stores()) {
        bytes += sizeOf(store);
      }
      return new DatabaseProbe(
          null, new Database(config.database()).serverVersion(), bytes, migrations.history());
    } catch (LockstepException | UncheckedIOException e) {
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
