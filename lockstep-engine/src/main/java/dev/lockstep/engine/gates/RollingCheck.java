package dev.lockstep.engine.gates;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.plan.RollingVerdict;
import dev.lockstep.journal.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides whether this upgrade could roll (see {@link RollingVerdict}), from the new release's
 * compatibility promise and, for each pending migration, its declared class and the class the
 * latest passing rehearsal of this upgrade measured. It only reads.
 */
public final class RollingCheck {
  private RollingCheck() {}

  public static RollingVerdict of(GateContext context) {
    if (context.previous() == null) {
      return RollingVerdict.refused(List.of("a first install has no running nodes to replace"));
    }
    Version from = context.previous().version();
    Version to = context.target().version();
    List<String> refused = new ArrayList<>();
    List<String> allowed = new ArrayList<>();
    if (context.target().compatibleWith(from)) {
      allowed.add(to + " declares itself compatible with " + from);
    } else {
      refused.add(
          to
              + " does not declare itself compatible with "
              + from
              + " (its manifest's compatibleWith: "
              + context.target().compatibleWith()
              + "), so nodes of both cannot serve side by side");
    }
    List<MigrationScript> held =
        context.pendingMigrations().stream().filter(MigrationScript::afterRollout).toList();
    List<MigrationScript> pending =
        context.pendingMigrations().stream().filter(s -> !s.afterRollout()).toList();
    List<MigrationScript> contract =
        pending.stream().filter(s -> s.type() != MigrationClass.EXPAND).toList();
    contract.forEach(
        script ->
            refused.add(
                "migration "
                    + MigrationScript.label(script.version(), script.description())
                    + " is declared contract: "
                    + from
                    + "'s nodes still serving could break on the changed schema"));
    if (pending.isEmpty()) {
      allowed.add(held.isEmpty() ? "no migration is pending" : "no migration before the rollout");
    } else if (contract.isEmpty()) {
      String labels =
          pending.stream()
              .map(s -> MigrationScript.label(s.version(), s.description()))
              .collect(Collectors.joining(", "));
      RehearsalProof.expandBeforeRollout(context, pending)
          .ifPresentOrElse(
              rehearsal ->
                  allowed.add(
                      labels + " declared expand and measured expand by rehearsal " + rehearsal),
              () -> refused.add(measuredNot(context, labels)));
    }
    held.forEach(
        script ->
            allowed.add(
                "migration "
                    + MigrationScript.label(script.version(), script.description())
                    + " ("
                    + script.type().label()
                    + ") is held back until every node runs "
                    + to
                    + "; from then on a rollback restores the backup"));
    return refused.isEmpty() ? RollingVerdict.allowed(allowed) : RollingVerdict.refused(refused);
  }

  /** Why the declared expand is not proven: no passing rehearsal, or what it measured. */
  private static String measuredNot(GateContext context, String labels) {
    return RehearsalProof.latest(context)
        .filter(run -> run.status() == RunStatus.SUCCEEDED)
        .map(run -> RehearsalProof.contractChanges(context, run.id()))
        .filter(changes -> !changes.isEmpty())
        .map(
            changes ->
                labels
                    + " declared expand, but the rehearsal measured contract: "
                    + String.join("; ", changes))
        .orElse(
            labels
                + " declared expand, but no passing rehearsal of this upgrade measured it: run"
                + " `lockstep rehearse --to "
                + context.target().version()
                + "`");
  }
}
