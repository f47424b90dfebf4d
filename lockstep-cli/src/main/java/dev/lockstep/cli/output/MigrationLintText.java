package dev.lockstep.cli.output;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.engine.release.LintVerdict;
import dev.lockstep.engine.release.MigrationLint;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.lint.LintFinding;
import dev.lockstep.schema.lint.UndecidedStatement;
import java.util.Locale;

/** One migration of {@code lockstep release lint} as text. */
final class MigrationLintText {
  private MigrationLintText() {}

  static void render(MigrationLint migration, StringBuilder text) {
    text.append(migration.script()).append(": declared ").append(label(migration.declared()));
    text.append(", ").append(classPart(migration));
    text.append(verdictMark(migration.verdict())).append('\n');
    for (UndecidedStatement open : migration.undecided()) {
      text.append(
          String.format(
              "  undecided (statement %d, line %d): %s%n",
              open.statementIndex(), open.line(), open.why()));
    }
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

  private static String classPart(MigrationLint migration) {
    if (migration.verdict() == LintVerdict.NOT_RUN) {
      return "not run";
    }
    if (migration.verdict() == LintVerdict.FAILED) {
      return "failed when run";
    }
    if (migration.measured() != null) {
      return "measured "
          + label(migration.measured())
          + (migration.observedWith() == null ? "" : " (run for " + migration.observedWith() + ")");
    }
    return migration.read() == null
        ? "read: cannot tell without running it"
        : "read " + label(migration.read());
  }

  private static String verdictMark(LintVerdict verdict) {
    return switch (verdict) {
      case HOLDS -> "";
      case UNDECIDED -> "  <-- UNDECIDED: --observe runs it and decides";
      case NOT_RUN -> "  <-- NOT RUN: a migration before it failed";
      case MISCLASSIFIED -> "  <-- MISCLASSIFIED: the previous release breaks on it";
      case FAILED -> "  <-- FAILED: it does not run on the schema it expects, whatever its class";
    };
  }

  static String label(MigrationClass type) {
    return type == null ? "?" : type.label();
  }
}
