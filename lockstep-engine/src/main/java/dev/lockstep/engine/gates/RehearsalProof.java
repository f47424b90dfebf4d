package dev.lockstep.engine.gates;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.engine.rehearsal.RehearsalFacts;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.schema.diff.SchemaChange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rehearsal of this very upgrade proved about its migrations: the measured class, which a
 * declared class alone cannot promise. Both the snapshot decision and the rolling verdict ask it.
 */
final class RehearsalProof {
  private RehearsalProof() {}

  /** The latest rehearsal of this very upgrade (installed release → target), passed or not. */
  static Optional<RunRecord> latest(GateContext context) {
    String to = context.target().version().toString();
    return context.journal().runs().stream()
        .filter(run -> run.kind() == RunKind.REHEARSAL)
        .filter(run -> Objects.equals(run.fromVersion(), context.installedVersion()))
        .filter(run -> run.toVersion().equals(to))
        .findFirst();
  }

  /**
   * The id of the latest rehearsal of this upgrade, if it passed and measured every one of {@code
   * pending} as expand.
   */
  static Optional<String> expand(GateContext context, List<MigrationScript> pending) {
    return expand(context, pending, RehearsalFacts.MEASURED);
  }

  /**
   * As {@link #expand(GateContext, List)}, for the migrations a rolling upgrade applies before its
   * first node when the release holds others back until after the rollout: what the rehearsal
   * measured of that part alone.
   */
  static Optional<String> expandBeforeRollout(GateContext context, List<MigrationScript> pending) {
    return context.target().afterRollout().isEmpty()
        ? expand(context, pending)
        : expand(context, pending, RehearsalFacts.MEASURED_BEFORE_ROLLOUT);
  }

  private static Optional<String> expand(
      GateContext context, List<MigrationScript> pending, String measuredFact) {
    Optional<RunRecord> latest = latest(context);
    if (latest.isEmpty() || latest.get().status() != RunStatus.SUCCEEDED) {
      return Optional.empty();
    }
    Map<String, String> facts = context.journal().facts(latest.get().id());
    if (!MigrationClass.EXPAND.name().equals(facts.get(measuredFact))
        || facts.get(RehearsalFacts.APPLIED) == null) {
      return Optional.empty();
    }
    List<String> rehearsed =
        Json.read(facts.get(RehearsalFacts.APPLIED), new TypeReference<List<String>>() {});
    boolean coversAll = pending.stream().allMatch(s -> rehearsed.contains(s.version()));
    return coversAll ? Optional.of(latest.get().id()) : Optional.empty();
  }

  /**
   * The contract changes rehearsal {@code runId} measured, in an operator's words: of the
   * migrations before the rollout when the release holds others back until after it.
   */
  static List<String> contractChanges(GateContext context, String runId) {
    Map<String, String> facts = context.journal().facts(runId);
    String json =
        context.target().afterRollout().isEmpty()
            ? facts.get(RehearsalFacts.CHANGES)
            : facts.get(RehearsalFacts.CHANGES_BEFORE_ROLLOUT);
    if (json == null) {
      return List.of();
    }
    return Json.read(json, new TypeReference<List<SchemaChange>>() {}).stream()
        .filter(SchemaChange::isContract)
        .map(SchemaChange::reason)
        .toList();
  }
}
