package dev.lockstep.cli.output;

import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.plan.PlannedMigration;
import dev.lockstep.core.plan.PlannedStep;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.plan.RollingVerdict;
import dev.lockstep.engine.steps.SnapshotDatabasesStep;

/** A plan as the operator reads it before saying yes. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan) {
    StringBuilder text = new StringBuilder();
    text.append("Plan for ")
        .append(plan.environment())
        .append(": ")
        .append(
            plan.from() == null ? "first install of " + plan.to() : plan.from() + " → " + plan.to())
        .append("\n\n");
    if (plan.releaseNotes() != null) {
      text.append("Release notes of ").append(plan.to()).append('\n');
      plan.releaseNotes().lines().forEach(line -> text.append("  ").append(line).append('\n'));
      text.append('\n');
    }
    text.append("Gates\n");
    for (GateResult gate : plan.gates()) {
      text.append(
          String.format(
              "  %-9s %s: %s%n",
              gate.blocked() ? "[BLOCKED]" : gate.warned() ? "[WARN]" : "[ok]",
              gate.gate(),
              gate.message()));
      if (gate.verdict() != GateResult.Verdict.PASSED && gate.fix() != null) {
        text.append("            fix: ").append(gate.fix()).append('\n');
      }
    }
    text.append("\nMigrations to apply (").append(plan.migrations().size()).append(")\n");
    if (plan.migrations().isEmpty()) {
      text.append("  none\n");
    }
    for (PlannedMigration migration : plan.migrations()) {
      text.append(
          String.format(
              "  %-46s %s%n",
              MigrationScript.label(migration.version(), migration.description()),
              migration.type().label()));
    }
    text.append("\nSteps, and the rollback if the run fails during or after each one\n");
    String previous = plan.from() == null ? "(nothing)" : plan.from();
    boolean snapshotTaken = false;
    for (PlannedStep step : plan.steps()) {
      snapshotTaken |= step.name().equals(SnapshotDatabasesStep.NAME);
      String line =
          String.format(
              "  %d. %-52s %s",
              step.number(), step.description(), step.servicesDown() ? "[services down]" : "");
      text.append(line.stripTrailing())
          .append("\n     rollback: ")
          .append(rollback(step.rollbackAfter(), previous, snapshotTaken))
          .append('\n');
    }
    text.append("\nDowntime: ").append(plan.downtime()).append('\n');
    if (plan.from() != null && plan.rolling() != null) {
      text.append(rolling(plan.rolling()));
    }
    text.append(
        plan.blocked() ? "\nBLOCKED: fix the gates above; nothing was touched.\n" : "\nReady.\n");
    return text.toString();
  }

  /** Whether the nodes could be replaced one at a time, the facts behind it, and this run's way. */
  private static String rolling(RollingVerdict verdict) {
    StringBuilder text = new StringBuilder("Rolling upgrade: ");
    text.append(verdict.allowed() ? "safe for this upgrade" : "not safe for this upgrade");
    verdict.reasons().forEach(reason -> text.append("\n  - ").append(reason));
    if (verdict.choice() != null) {
      text.append("\nStrategy: ").append(verdict.choice());
    }
    return text.append('\n').toString();
  }

  /**
   * The rollback as it would be done: once the snapshot is taken, a restore swaps it back in (the
   * verified backup is only for when the swap cannot be made).
   */
  private static String rollback(RollbackStrategy strategy, String previous, boolean snapshot) {
    if (strategy.restoresData() && snapshot) {
      return strategy.describeDone(previous, "snapshot swap")
          + " (this run's verified backup if the swap cannot be made)";
    }
    return strategy.describe(previous);
  }
}
