package dev.lockstep.cli.output;

import dev.lockstep.core.report.RunReport;
import java.util.List;

/** {@code lockstep history} as a table. */
public final class HistoryText {
  private HistoryText() {}

  public static String render(List<RunReport> runs) {
    if (runs.isEmpty()) {
      return "No runs yet.";
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%-30s %-9s %-17s %-16s %9s %9s  %s%n",
            "RUN", "KIND", "RELEASES", "STATUS", "TOOK", "DOWNTIME", "STARTED"));
    for (RunReport run : runs) {
      text.append(
          String.format(
              "%-30s %-9s %-17s %-16s %9s %9s  %s%n",
              run.runId(),
              run.kind(),
              (run.from() == null ? "" : run.from() + " → ") + run.to(),
              run.status(),
              RunReportText.format(run.duration()),
              RunReportText.format(run.downtime()),
              run.startedAt()));
    }
    return text.toString();
  }
}
