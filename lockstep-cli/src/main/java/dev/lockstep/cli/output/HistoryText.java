package dev.lockstep.cli.output;

import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.path.PathHop;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code lockstep history} as a table. When a run was a hop of an upgrade across required stops, a
 * last column says which hop of which path: {@code 2/3 → 2.0.0 (path run-…)}.
 */
public final class HistoryText {
  private static final String ROW = "%-30s %-9s %-17s %-16s %9s %9s  %-24s";

  private HistoryText() {}

  public static String render(List<RunReport> runs) {
    return render(runs, run -> Optional.empty());
  }

  public static String render(List<RunReport> runs, Function<String, Optional<PathHop>> hops) {
    if (runs.isEmpty()) {
      return "No runs yet.";
    }
    List<Optional<PathHop>> places = runs.stream().map(run -> hops.apply(run.runId())).toList();
    boolean anyHop = places.stream().anyMatch(Optional::isPresent);
    StringBuilder text = new StringBuilder();
    text.append(
        row(
            String.format(ROW, "RUN", "KIND", "RELEASES", "STATUS", "TOOK", "DOWNTIME", "STARTED"),
            anyHop ? "PATH" : ""));
    for (int i = 0; i < runs.size(); i++) {
      RunReport run = runs.get(i);
      String path =
          places.get(i).map(hop -> hop.label() + " (path " + hop.pathId() + ")").orElse("");
      text.append(
          row(
              String.format(
                  ROW,
                  run.runId(),
                  run.kind(),
                  (run.from() == null ? "" : run.from() + " → ") + run.to(),
                  run.status(),
                  RunReportText.format(run.duration()),
                  RunReportText.format(run.downtime()),
                  run.startedAt()),
              path));
    }
    return text.toString();
  }

  private static String row(String columns, String path) {
    return (path.isEmpty() ? columns.stripTrailing() : columns + " " + path) + "\n";
  }
}
