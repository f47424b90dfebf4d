package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.history.DirtyState;
import dev.lockstep.history.HistoryReader;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * No migration tool left the database dirty: a migration that failed half-way, a lock left held.
 * Migrating on top of one would build on a schema nobody knows.
 */
public final class DirtyMigrationsGate implements Gate {
  private static final String NAME = "no half-applied migration";

  @Override
  public GateResult check(GateContext context) {
    if (!context.database().reachable()) {
      return GateResult.blocked(NAME, "cannot read it: the database is not reachable.", null);
    }
    List<DirtyState> dirty = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    try (Connection connection = new Database(context.config().database()).connect()) {
      HistoryReader reader =
          new HistoryReader(connection, context.config().migrations().historyTable());
      for (MigrationHistory history : reader.detect()) {
        tools.add(history.format().label());
        dirty.addAll(history.dirty());
      }
    } catch (SQLException e) {
      return GateResult.blocked(NAME, "cannot read the history tables: " + e.getMessage(), null);
    }
    if (dirty.isEmpty()) {
      return GateResult.passed(
          NAME,
          tools.isEmpty()
              ? "no history table yet"
              : "clean history (" + String.join(", ", tools) + ")");
    }
    return GateResult.blocked(
        NAME,
        dirty.stream().map(DirtyState::what).reduce((a, b) -> a + " " + b).orElse(""),
        dirty.stream().map(DirtyState::wayOut).reduce((a, b) -> a + " " + b).orElse(""));
  }
}
