package dev.lockstep.cli.output;

import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.engine.migrations.MigrationsReport;
import dev.lockstep.engine.migrations.MigrationsReport.Applied;
import dev.lockstep.engine.migrations.MigrationsReport.Dirty;
import dev.lockstep.engine.migrations.MigrationsReport.HistoryTable;
import dev.lockstep.engine.migrations.MigrationsReport.Pending;
import dev.lockstep.engine.migrations.MigrationsReport.PendingMigration;
import dev.lockstep.engine.migrations.MigrationsReport.RunMigrations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code lockstep migrations} as text: one block per history table, then pending, then the run. */
public final class MigrationsText {
  private static final String ROW = "  %-32s %-28s %-20s %s%n";

  private MigrationsText() {}

  public static String render(MigrationsReport report) {
    StringBuilder text = new StringBuilder();
    text.append("Migrations of ")
        .append(report.environment())
        .append(
            report.release() == null
                ? " (no release installed)"
                : " ("
                    + (report.installed() ? "installed " : "release ")
                    + report.release()
                    + ", runner: "
                    + report.runner()
                    + ")")
        .append('\n');
    if (report.notChecked() != null) {
      text.append("\nThe history tables were not read: ").append(report.notChecked()).append(".\n");
    } else if (report.tables().isEmpty()) {
      text.append("\nNo migration history table in the database yet.\n");
    }
    for (HistoryTable table : report.tables()) {
      table(text, table);
    }
    pending(text, report);
    if (report.run() != null) {
      run(text, report.run());
    }
    return text.toString();
  }

  private static void table(StringBuilder text, HistoryTable table) {
    text.append('\n')
        .append(table.tool())
        .append("  ")
        .append(table.table())
        .append("  (")
        .append(table.applied().size())
        .append(" recorded)\n");
    if (!table.applied().isEmpty()) {
      text.append(String.format(ROW, "ID", "DESCRIPTION", "APPLIED AT", "STATUS"));
    }
    for (Applied entry : table.applied()) {
      text.append(
          String.format(
              ROW,
              entry.id(),
              entry.description() == null ? "" : entry.description(),
              time(entry.appliedAt()),
              entry.success() ? "ok" : "FAILED"));
    }
    for (Dirty dirty : table.dirty()) {
      text.append("  dirty: ").append(dirty.what()).append('\n');
      text.append("  way out: ").append(dirty.wayOut()).append('\n');
    }
  }

  private static void pending(StringBuilder text, MigrationsReport report) {
    Pending pending = report.pending();
    if (report.notChecked() != null) {
      text.append("\nPending: unknown without the database.\n");
      return;
    }
    if (pending == null) {
      text.append("\nPending: no release installed; `--to VERSION` counts them for a release.\n");
      return;
    }
    text.append("\nPending for ")
        .append(report.release())
        .append(" (")
        .append(pending.tool())
        .append(", ")
        .append(pending.table())
        .append("): ")
        .append(pending.migrations().isEmpty() ? "none" : pending.migrations().size())
        .append('\n');
    for (PendingMigration migration : pending.migrations()) {
      text.append(
          String.format(
              "  %-32s %-28s %s%n", migration.id(), migration.description(), migration.type()));
    }
    if (!pending.unknown().isEmpty()) {
      text.append("  in the table but not shipped by ")
          .append(report.release())
          .append(": ")
          .append(String.join(", ", pending.unknown()))
          .append('\n');
    }
  }

  private static void run(StringBuilder text, RunMigrations run) {
    text.append("\nRun ")
        .append(run.runId())
        .append(" (")
        .append(run.kind())
        .append(' ')
        .append(run.from() == null ? "" : run.from() + " → ")
        .append(run.to())
        .append(", ")
        .append(run.status().replace('_', ' '))
        .append(") applied ")
        .append(run.applied().isEmpty() ? "none" : run.applied().size())
        .append('\n');
    for (MigrationReport migration : run.applied()) {
      text.append(
          String.format(
              "  %-32s %-28s %s%n",
              migration.version(), migration.description(), migration.type()));
    }
  }

  private static String time(Instant at) {
    return at == null ? "—" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
