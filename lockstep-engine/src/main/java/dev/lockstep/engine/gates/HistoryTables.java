package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.history.DirtyState;
import dev.lockstep.history.HistoryReader;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every migration history table found in the product's database, as its tool left it: what the
 * dirty-migrations gate judges.
 *
 * @param found each table read, by tool then table; empty when there is none yet (or it could not
 *     be read)
 * @param error why the tables could not be read, or null
 */
public record HistoryTables(List<MigrationHistory> found, String error) {

  public HistoryTables {
    found = List.copyOf(found);
  }

  /** No history table at all: a database no migration tool has touched yet. */
  public static HistoryTables none() {
    return new HistoryTables(List.of(), null);
  }

  /**
   * Looks for every known tool's table, and the one {@code target}'s manifest names (a product may
   * rename its tool's table, which detection by name would miss); a database that cannot be read is
   * named in the error.
   */
  static HistoryTables read(DeploymentConfig config, ReleaseManifest target) {
    try (Connection connection = new Database(config.database()).connect()) {
      HistoryReader reader = new HistoryReader(connection, config.migrations().historyTable());
      List<MigrationHistory> found = new ArrayList<>(reader.detect());
      if (target != null
          && target.runner() != MigrationRunnerKind.LOCKSTEP
          && target.history() != null
          && target.history().table() != null) {
        MigrationHistory named =
            reader.read(ReleaseHistory.format(target.history()), target.history().table());
        if (found.stream().noneMatch(h -> h.table().equals(named.table()))) {
          found.add(named);
        }
      }
      return new HistoryTables(found, null);
    } catch (LockstepException | SQLException e) {
      return new HistoryTables(List.of(), e.getMessage());
    }
  }

  public boolean readable() {
    return error == null;
  }

  /** The tools whose tables were found, as their users name them. */
  public List<String> tools() {
    return found.stream().map(history -> history.format().label()).toList();
  }

  /** What any of the tools left behind that blocks its next run. */
  public List<DirtyState> dirty() {
    return found.stream().flatMap(history -> history.dirty().stream()).toList();
  }
}
