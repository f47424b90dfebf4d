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
    if (!report.drifted()) {
      return "No drift: the live schema is " + report.reference() + ".";
    }
    StringBuilder text = new StringBuilder();
    text.append("The live schema differs from ")
        .append(report.reference())
        .append(" (")
        .append(report.changes().size())
        .append(" change")
        .append(report.changes().size() == 1 ? "" : "s")
        .append("):\n");
    for (SchemaChange change : report.changes()) {
      text.append(String.format("  %-8s %s%n", change.type().label(), change.reason()));
    }
    return text.toString();
  }
}
