package dev.lockstep.engine.schema;

import dev.lockstep.schema.diff.SchemaChange;
import java.util.List;

/**
 * How the live schema differs from the one it should be.
 *
 * @param reference what it was compared with: the schema the last run left, or the one the
 *     installed release ships; null when there is nothing to compare with yet
 */
public record DriftReport(String reference, List<SchemaChange> changes) {

  public DriftReport {
    changes = List.copyOf(changes);
  }

  public boolean drifted() {
    return !changes.isEmpty();
  }
}
