package dev.lockstep.engine.gates;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
  /** The facts a rehearsal journals (see {@code RehearsalFacts}). */
  static final String REHEARSAL_APPLIED = "rehearsal.applied";

  static final String REHEARSAL_MEASURED = "rehearsal.measured";

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
    List<String> applied = context.database().appliedVersions();
    List<MigrationScript> pending =
        context.target().migrations().stream()
            .filter(script -> !applied.contains(script.version()))
            .toList();
    if (pending.isEmpty() && context.target().runner() == MigrationRunnerKind.LOCKSTEP) {
      // Lockstep's runner applies only the release's own files; a product's runner might do more.
      return new SnapshotNeed(
          false, "no migration is pending, so a rollback reverts the services only");
    }
    if (pending.isEmpty()
        || pending.stream().anyMatch(script -> script.type() != MigrationClass.EXPAND)) {
      return TAKE;
    }
    return provenByRehearsal(context, pending)
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

  /** The id of the latest rehearsal of this upgrade, if it passed and measured all of it expand. */
  private static Optional<String> provenByRehearsal(
      GateContext context, List<MigrationScript> pending) {
    String to = context.target().version().toString();
    Optional<RunRecord> latest =
        context.journal().runs().stream()
            .filter(run -> run.kind() == RunKind.REHEARSAL)
            .filter(run -> Objects.equals(run.fromVersion(), context.installedVersion()))
            .filter(run -> run.toVersion().equals(to))
            .findFirst();
    if (latest.isEmpty() || latest.get().status() != RunStatus.SUCCEEDED) {
      return Optional.empty();
    }
    Map<String, String> facts = context.journal().facts(latest.get().id());
    if (!MigrationClass.EXPAND.name().equals(facts.get(REHEARSAL_MEASURED))
        || facts.get(REHEARSAL_APPLIED) == null) {
      return Optional.empty();
    }
    List<String> rehearsed =
        Json.read(facts.get(REHEARSAL_APPLIED), new TypeReference<List<String>>() {});
    boolean coversAll = pending.stream().allMatch(s -> rehearsed.contains(s.version()));
    return coversAll ? Optional.of(latest.get().id()) : Optional.empty();
  }
}
