package dev.lockstep.cli.output;

import dev.lockstep.engine.release.MigrationLint;
import dev.lockstep.engine.release.ReleaseLintReport;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.lint.LintFinding;
import java.util.Locale;

/** {@code lockstep release lint} as text. */
public final class ReleaseLintText {
  private ReleaseLintText() {}

  public static String render(ReleaseLintReport report) {
    StringBuilder text = new StringBuilder();
    text.append("Release ")
        .append(report.product())
        .append(' ')
        .append(report.version())
        .append(
            report.observed()
                ? " (run on a throwaway PostgreSQL)"
                : " (read, not run: --observe runs it)")
        .append('\n');
    for (MigrationLint migration : report.migrations()) {
      text.append("\n")
          .append(migration.script())
          .append(": declared ")
          .append(label(migration.declared()));
      if (migration.measured() != null) {
        text.append(", measured ").append(label(migration.measured()));
        if (migration.misclassified()) {
          text.append("  <-- MISCLASSIFIED: the previous release breaks on it");
        }
      }
      text.append('\n');
      for (SchemaChange change : migration.changes()) {
        text.append("  ")
            .append(change.type().label())
            .append(": ")
            .append(change.reason())
            .append('\n');
      }
      for (LintFinding finding : migration.findings()) {
        text.append(
            String.format(
                "  [%s] %s (statement %d, line %d): %s%n      safer: %s%n",
                finding.severity().name().toLowerCase(Locale.ROOT),
                finding.rule(),
                finding.statementIndex(),
                finding.line(),
                finding.message(),
                finding.saferAlternative()));
        if (finding.observed() != null) {
          text.append("      ").append(finding.observed()).append('\n');
        }
      }
    }
    text.append(
        report.failed()
            ? "\nFAILED: a migration breaks the previous release but is not declared contract.\n"
            : "\nOK: every migration's class holds.\n");
    return text.toString();
  }

  private static String label(dev.lockstep.core.manifest.MigrationClass type) {
    return type == null ? "?" : type.label();
  }
}
