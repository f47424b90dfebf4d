package dev.lockstep.cli.output;

import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.rehearsal.RehearsalReport;
import dev.lockstep.engine.steps.Bytes;
import dev.lockstep.schema.diff.SchemaChange;

/** {@code lockstep rehearse} as text. */
public final class RehearsalText {
  private RehearsalText() {}

  public static String render(RehearsalReport report) {
    StringBuilder text = new StringBuilder();
    text.append("Rehearsal ")
        .append(report.runId())
        .append(": ")
        .append(report.from())
        .append(" → ")
        .append(report.to())
        .append(" on a copy of backup ")
        .append(report.backupId())
        .append(" (")
        .append(Durations.format(report.took()))
        .append(")\n");
    text.append("  predicted migration time: ")
        .append(Durations.format(report.migrationTime()))
        .append(" for ")
        .append(
            report.migrationsApplied().isEmpty()
                ? "no migration"
                : "V" + String.join(", V", report.migrationsApplied()))
        .append('\n');
    text.append("  largest tables:\n");
    report
        .tables()
        .forEach(
            table ->
                text.append(
                    String.format(
                        "    %-40s %10s %12d rows%n",
                        table.table(), Bytes.format(table.bytes()), table.rows())));
    text.append("  schema change, measured: ").append(report.measured().label()).append('\n');
    for (SchemaChange change : report.changes()) {
      text.append("    ")
          .append(change.type().label())
          .append(": ")
          .append(change.reason())
          .append('\n');
    }
    text.append("  ").append(report.from()).append("'s checks on the migrated copy:\n");
    for (CheckResult check : report.checks()) {
      text.append(
          String.format(
              "    [%s] %s: %s%n",
              check.passed() ? "pass" : "FAIL", check.name(), check.message()));
    }
    text.append(
        report.forwardCompatible()
            ? "Forward-compatible: " + report.from() + " works on " + report.to() + "'s schema.\n"
            : "NOT forward-compatible: "
                + report.from()
                + " fails on "
                + report.to()
                + "'s schema;"
                + " a rollback after this upgrade needs a restore.\n");
    return text.toString();
  }
}
