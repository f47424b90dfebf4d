package dev.lockstep.engine.gates;

import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.plan.GateResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The database is not ahead of the target release: every migration it has applied is one the target
 * ships. Otherwise the schema comes from somewhere Lockstep cannot reason about.
 */
public final class MigrationHistoryGate implements Gate {
  private static final String NAME = "migration history";

  @Override
  public GateResult check(GateContext context) {
    if (!context.database().reachable()) {
      return GateResult.blocked(NAME, "cannot read it: the database is not reachable.", null);
    }
    Set<String> shipped =
        context.target().migrations().stream()
            .map(MigrationScript::version)
            .collect(Collectors.toSet());
    List<String> unknown =
        context.database().appliedVersions().stream().filter(v -> !shipped.contains(v)).toList();
    if (!unknown.isEmpty()) {
      return GateResult.blocked(
          NAME,
          "the database has migrations "
              + unknown
              + " that release "
              + context.target().version()
              + " does not ship: it was migrated by something else, or by a newer release.",
          "find out where they came from before upgrading; `lockstep status` shows the history.");
    }
    int pending = shipped.size() - context.database().appliedVersions().size();
    return GateResult.passed(
        NAME,
        context.database().appliedVersions().size()
            + " applied, "
            + Math.max(pending, 0)
            + " pending");
  }
}
