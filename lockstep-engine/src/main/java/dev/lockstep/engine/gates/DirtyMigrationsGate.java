package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.history.DirtyState;
import java.util.List;
import java.util.stream.Collectors;

/**
 * No migration tool left the database dirty: a migration that failed half-way, a lock left held.
 * Migrating on top of one would build on a schema nobody knows. Judges the history tables the probe
 * read ({@link DatabaseProbe#histories()}).
 */
public final class DirtyMigrationsGate implements Gate {
  private static final String NAME = "no half-applied migration";

  @Override
  public GateResult check(GateContext context) {
    if (!context.database().reachable()) {
      return GateResult.blocked(NAME, "cannot read it: the database is not reachable.", null);
    }
    HistoryTables histories = context.database().histories();
    if (!histories.readable()) {
      return GateResult.blocked(NAME, "cannot read the history tables: " + histories.error(), null);
    }
    List<DirtyState> dirty = histories.dirty();
    if (dirty.isEmpty()) {
      return GateResult.passed(
          NAME,
          histories.tools().isEmpty()
              ? "no history table yet"
              : "clean history (" + String.join(", ", histories.tools()) + ")");
    }
    return GateResult.blocked(
        NAME,
        dirty.stream().map(DirtyState::what).collect(Collectors.joining(" ")),
        dirty.stream().map(DirtyState::wayOut).collect(Collectors.joining(" ")));
  }
}
