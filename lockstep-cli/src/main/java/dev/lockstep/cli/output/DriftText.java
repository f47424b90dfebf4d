package dev.lockstep.cli.output;

import dev.lockstep.engine.schema.DriftReport;
import dev.lockstep.schema.diff.SchemaChange;

/** {@code lockstep drift} as text. */
public final class DriftText {
  private DriftText() {}

  public static String render(DriftReport report) {
    if (report.reference() == null) {
      return "No schema recorded yet: the next upgrade records one.";
    }
    StringBuilder text = new StringBuilder();
    if (!report.drifted()) {
      text.append("No drift: the live schema is ").append(report.reference()).append(".\n");
    } else {
      text.append("The live schema differs from ")
          .append(report.reference())
          .append(" (")
          .append(changes(report.changes().size()))
          .append("):\n");
      report.changes().forEach(change -> line(text, change));
    }
    if (report.scope() != null) {
      text.append("Drift scope (config drift): ").append(report.scope());
      if (report.outOfScope().isEmpty()) {
        text.append(".\n");
      } else {
        text.append("; ").append(changes(report.outOfScope().size())).append(" left alone:\n");
        report.outOfScope().forEach(change -> line(text, change));
      }
    }
    return text.toString().stripTrailing();
  }

  private static void line(StringBuilder text, SchemaChange change) {
    text.append(String.format("  %-8s %s%n", change.type().label(), change.reason()));
  }

  private static String changes(int count) {
    return count + " change" + (count == 1 ? "" : "s");
  }
}
