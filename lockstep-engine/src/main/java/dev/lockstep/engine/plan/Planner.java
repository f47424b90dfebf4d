package dev.lockstep.engine.plan;

import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.plan.PlannedMigration;
import dev.lockstep.core.plan.PlannedStep;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.plan.RollingVerdict;
import dev.lockstep.engine.gates.GateContext;
import dev.lockstep.engine.run.RollbackDecider;
import dev.lockstep.engine.steps.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the plan from the installed release to a target: the steps, the migrations with their
 * class, the rollback that would apply after each step, and every gate. It touches nothing. The
 * rollback after each step is the one the run's own decider would choose, asked the same question
 * (were services stopped, which migrations could have run) whoever applies the migrations.
 */
public final class Planner {
  private final RollbackDecider decider = new RollbackDecider();

  /**
   * @param steps the upgrade checklist the run would execute
   * @param gates the gates' verdicts on this upgrade
   */
  public Plan plan(GateContext context, List<Step> steps, List<GateResult> gates) {
    return plan(context, steps, gates, null, null);
  }

  /**
   * @param snapshotNote why the checklist takes no snapshot although the config asks for one, or
   *     null
   * @param rolling whether the nodes could be replaced one at a time, or null when not assessed
   */
  public Plan plan(
      GateContext context,
      List<Step> steps,
      List<GateResult> gates,
      String snapshotNote,
      RollingVerdict rolling) {
    List<String> applied = context.database().appliedVersions();
    List<MigrationScript> pending = context.pendingMigrations();
    List<PlannedStep> planned = new ArrayList<>();
    boolean servicesDown = false;
    boolean touched = false;
    Set<String> migrated = new LinkedHashSet<>();
    RollbackStrategy strategy = RollbackStrategy.NOTHING_TO_UNDO;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      servicesDown |= step.stopsServices();
      touched |= step.touchesServices();
      step.migrationsApplied(pending).forEach(script -> migrated.add(script.version()));
      List<String> appliedAfter = new ArrayList<>(applied);
      appliedAfter.addAll(migrated);
      strategy =
          decider.decide(context.previous(), context.target(), touched, appliedAfter).strategy();
      planned.add(new PlannedStep(i + 1, step.name(), step.description(), servicesDown, strategy));
    }
    return new Plan(
        context.config().environment(),
        context.installedVersion(),
        context.target().version().toString(),
        planned,
        pending.stream()
            .map(s -> new PlannedMigration(s.version(), s.description(), s.type()))
            .toList(),
        gates,
        strategy,
        rolling != null && rolling.chosen()
            ? rollingDowntime(pending)
            : downtime(pending, snapshotNote),
        rolling,
        context.target().notes() == null || context.target().notes().isBlank()
            ? null
            : context.target().notes().strip());
  }

  private static String rollingDowntime(List<MigrationScript> pending) {
    long heldBack = pending.stream().filter(MigrationScript::afterRollout).count();
    long first = pending.size() - heldBack;
    return "none: the nodes are replaced batch by batch while the others serve; "
        + (pending.isEmpty()
            ? "no migration to apply"
            : (first == 0
                    ? "no migration before the first node"
                    : first
                        + " expand migration(s) applied first, while the installed release serves")
                + (heldBack == 0
                    ? ""
                    : "; "
                        + heldBack
                        + " held back until every node runs the release (a rollback after them"
                        + " restores the backup)"));
  }

  private static String downtime(List<MigrationScript> pending, String snapshotNote) {
    return "services are down from 'stop-services' until 'validate' passes; "
        + (pending.isEmpty()
            ? "no migration to apply"
            : pending.size() + " migration(s) to apply while they are down")
        + (snapshotNote == null ? "" : "; " + snapshotNote);
  }
}
