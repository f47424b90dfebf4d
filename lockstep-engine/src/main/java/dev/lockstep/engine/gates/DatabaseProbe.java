package dev.lockstep.engine.gates;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.RolePrivileges;
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
 * migrations it already has, what the migration tools' history tables say, what its schema is, and
 * how big everything a backup will copy is. Everything a gate knows of the database comes from
 * here, so that every gate is a decision over values, and judging twice reads nothing twice.
 *
 * @param error why a store could not be read, or null
 * @param storesBytes the size of every store (a dump is rarely larger); command stores count 0
 * @param appliedVersions the migrations the history table counts as applied
 * @param histories every migration tool's history table found, with what blocks its next run
 * @param schema the live schema and the one the last run recorded, which drift is measured from
 * @param privileges what the configured role may do in each Postgres store; empty when not read
 */
public record DatabaseProbe(
    String error,
    String serverVersion,
    long storesBytes,
    List<String> appliedVersions,
    HistoryTables histories,
    SchemaLook schema,
    List<RolePrivileges> privileges) {

  public DatabaseProbe {
    appliedVersions = List.copyOf(appliedVersions);
    privileges = List.copyOf(privileges);
  }

  /** A reachable database whose role's privileges were not read. */
  public DatabaseProbe(
      String error,
      String serverVersion,
      long storesBytes,
      List<String> appliedVersions,
      HistoryTables histories,
      SchemaLook schema) {
    this(error, serverVersion, storesBytes, appliedVersions, histories, schema, List.of());
  }

  /**
   * A reachable database as a plan needs it: no history table of any tool found, an empty schema,
   * none recorded.
   */
  public DatabaseProbe(
      String error, String serverVersion, long storesBytes, List<String> appliedVersions) {
    this(
        error,
        serverVersion,
        storesBytes,
        appliedVersions,
        HistoryTables.none(),
        SchemaLook.empty());
  }

  /** A database that could not be read, and why. */
  public static DatabaseProbe unreachable(String error) {
    return new DatabaseProbe(
        error, null, 0, List.of(), HistoryTables.none(), SchemaLook.empty(), List.of());
  }

  /**
   * @param target the release to plan for: its runner says which history table holds the migrations
   *     (Lockstep's own, or the product's tool's)
   */
  public static DatabaseProbe of(
      DeploymentConfig config, MigrationRunner migrations, ReleaseManifest target) {
    try {
      long bytes = 0;
      List<RolePrivileges> privileges = new ArrayList<>();
      for (StoreConfig store : config.stores()) {
        bytes += sizeOf(store);
        if (store.kind() == StoreConfig.Kind.POSTGRES) {
          privileges.add(RolePrivileges.read(new Database(store.database())));
        }
      }
      return new DatabaseProbe(
          null,
          new Database(config.database()).serverVersion(),
          bytes,
          applied(config, migrations, target),
          HistoryTables.read(config, target),
          SchemaLook.read(config),
          privileges);
    } catch (BadInputException e) {
      // A damaged schema record in the state folder: bad input naming the file, not a database
      // that cannot be reached.
      throw e;
    } catch (LockstepException | UncheckedIOException e) {
      return unreachable(e.getMessage());
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
    applied.addAll(ReleaseHistory.unknown(history, target, shipped));
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
