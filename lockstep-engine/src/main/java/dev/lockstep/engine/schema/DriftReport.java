package dev.lockstep.engine.schema;

import dev.lockstep.schema.diff.SchemaChange;
import java.util.List;

/**
 * How the live schema differs from the one it should be.
 *
 * @param reference what it was compared with: the schema the last run left, or the one the
 *     installed release ships; null when there is nothing to compare with yet
 * @param changes the differences that count as drift
 * @param outOfScope the differences the config's {@code drift} section leaves alone
 * @param scope the config's drift scope in words, or null when every change counts
 */
public record DriftReport(
    String reference, List<SchemaChange> changes, List<SchemaChange> outOfScope, String scope) {

  public DriftReport {
    changes = List.copyOf(changes);
    outOfScope = List.copyOf(outOfScope);
  }

  /** Nothing compared: no reference yet. */
  public static DriftReport noReference() {
    return new DriftReport(null, List.of(), List.of(), null);
  }

  public boolean drifted() {
    return !changes.isEmpty();
  }
}
