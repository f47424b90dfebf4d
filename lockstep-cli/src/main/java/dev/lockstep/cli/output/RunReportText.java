package dev.lockstep.cli.output;

import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.core.yaml.Durations;
import java.time.Duration;

/** A run's report as text: what happened, how long it took, how long the services were down. */
public final class RunReportText {
  /** Long details are cut to this in text; JSON and the report file keep them whole. */
  private static final int DETAIL_WIDTH = 100;

  private RunReportText() {}

  public static String render(RunReport report) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "Run %s: %s %s in %s — %s (exit %d)%n",
            report.runId(),
            report.kind(),
            report.from() == null ? report.to() : report.from() + " → " + report.to(),
            report.environment(),
            report.status().replace('_', ' '),
            report.exitCode()));
    text.append("  took ")
        .append(format(report.duration()))
        .append(", downtime ")
        .append(report.downtime() == null ? "none measured" : format(report.downtime()))
        .append(" (first service stopped → last check passed)\n");
    if (report.downtimeToHealthy() != null) {
      text.append("  stop → services healthy ")
          .append(format(report.downtimeToHealthy()))
          .append(", stop → checks passed ")
          .append(format(report.downtime()))
          .append(
              report.lockstepOwnTime() == null
                  ? ""
                  : "; Lockstep's own time in the window "
                      + format(report.lockstepOwnTime())
                      + " (the rest: stopping, migrating, starting the product)")
          .append('\n');
    }
    if (report.backupId() != null) {
      text.append("  backup: ").append(report.backupId()).append('\n');
    }
    for (String override : report.overrides()) {
      text.append("  override: ").append(override).append('\n');
    }
    for (MigrationReport migration : report.migrations()) {
      text.append(
          String.format(
              "  migration: %s (%s)%n",
              MigrationScript.label(migration.version(), migration.description()),
              migration.type()));
    }
    text.append("  steps:\n");
    for (StepReport step : report.steps()) {
      text.append(
          String.format(
              "    %-8s %-15s %-9s %7s  %s%n",
              step.phase(),
              step.name(),
              step.status(),
              format(step.duration()),
              Fold.excerpt(step.detail(), DETAIL_WIDTH)));
    }
    if (!report.checks().isEmpty()) {
      text.append("  checks:\n");
      for (CheckResult check : report.checks()) {
        text.append(
            String.format(
                "    [%s] %s (%d attempt%s): %s%n",
                check.passed() ? "pass" : "FAIL",
                check.name(),
                check.attempts(),
                check.attempts() == 1 ? "" : "s",
                Fold.excerpt(check.message(), DETAIL_WIDTH)));
      }
    }
    if (report.rollback() != null) {
      RollbackText.append(text, report.rollback());
    }
    if (report.summary() != null) {
      text.append(report.summary()).append('\n');
    }
    if (report.rollbackNow() != null) {
      rollbackNow(text, report.rollbackNow());
    }
    return text.toString();
  }

  /**
   * After a successful upgrade: what undoing it would take, so that the operator knows before
   * deciding whether a revert is still enough or a restore (and its data loss) is needed.
   */
  private static void rollbackNow(StringBuilder text, RollbackNow now) {
    text.append("Rollback now: `lockstep rollback` would ")
        .append(now.description())
        .append(" (")
        .append(now.strategy().replace('_', ' '))
        .append(')');
    if (now.restores() && now.dataLossSince() != null) {
      text.append(", losing the writes made since ")
          .append(now.dataLossSince())
          .append(" from the live database (the replaced database is kept)");
    }
    text.append('\n');
    RollbackText.reasons(text, now.reason(), now.proven(), now.inferred());
    if (!now.restores() && now.restoreFrom() != null) {
      text.append("    if the revert fails, restores from: ")
          .append(now.restoreFrom())
          .append('\n');
    }
  }

  static String format(Duration duration) {
    return duration == null ? "-" : Durations.format(duration);
  }
}
