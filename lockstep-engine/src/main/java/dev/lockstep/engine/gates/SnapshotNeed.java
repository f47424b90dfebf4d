package dev.lockstep.engine.gates;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether an upgrade needs a database snapshot inside its downtime. The snapshot only serves a
 * restore, and a restore is only the rollback after a contract change. When every pending migration
 * is declared expand and a passing rehearsal of this very upgrade measured its change as expand, a
 * rollback is a revert of the services: the copy would cost downtime and never be used. The
 * verified logical backup is still taken, for the disaster nobody planned.
 *
 * @param take whether the snapshot step is in the checklist
 * @param reason why not, for the plan; null when it is taken
 */
public record SnapshotNeed(boolean take, String reason) {
  private static final SnapshotNeed TAKE = new SnapshotNeed(true, null);

  /** The plan's line for this decision, or null when the snapshot is taken as configured. */
  public String planNote() {
    return take || reason == null ? null : "snapshot skipped: " + reason;
  }

  public static SnapshotNeed of(GateContext context) {
    if (!context.config().backup().snapshot()) {
      return new SnapshotNeed(false, null);
    }
    if (context.previous() == null) {
      return TAKE; // a first install has nothing to revert to
    }
    List<MigrationScript> pending = context.pendingMigrations();
    if (pending.isEmpty() && context.target().runner() == MigrationRunnerKind.LOCKSTEP) {
      // Lockstep's runner applies only the release's own files; a product's runner might do more.
      return new SnapshotNeed(
          false, "no migration is pending, so a rollback reverts the services only");
    }
    if (pending.isEmpty()
        || pending.stream().anyMatch(script -> script.type() != MigrationClass.EXPAND)) {
      return TAKE;
    }
    return RehearsalProof.expand(context, pending)
        .map(
            rehearsal ->
                new SnapshotNeed(
                    false,
                    "every pending migration is proven expand ("
                        + pending.stream()
                            .map(s -> MigrationScript.label(s.version(), s.description()))
                            .collect(Collectors.joining(", "))
                        + " declared expand; rehearsal "
                        + rehearsal
                        + " measured expand), so a rollback is a revert; the verified backup"
                        + " stays"))
        .orElse(TAKE);
  }
}
