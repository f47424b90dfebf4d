package dev.lockstep.cli.output;

import dev.lockstep.engine.StatusReport;
import dev.lockstep.targets.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code lockstep status} as text. */
public final class StatusText {
  private StatusText() {}

  private static final List<String> HEADERS =
      List.of("SERVICE", "NODE", "VERSION", "STATE", "DETAIL");

  public static String render(StatusReport status) {
    StringBuilder text = new StringBuilder();
    text.append("Environment: ").append(status.environment()).append('\n');
    text.append("Installed:   ")
        .append(
            status.installed() == null
                ? "nothing"
                : status.installed() + " (since " + status.installedSince() + ")")
        .append('\n');
    text.append("Services:\n");
    text.append(services(status.services()));
    if (!status.drift().isEmpty()) {
      text.append("Drift: ")
          .append(
              status.drift().stream()
                  .map(drift -> drift.describe() + ", not " + status.installed())
                  .collect(Collectors.joining("; ")))
          .append('\n');
      text.append(
          "  A running node that is not on the installed release was changed outside Lockstep."
              + " `lockstep upgrade --to "
              + status.installed()
              + "` puts the release back.\n");
    }
    if (status.unfinished() != null) {
      text.append(status.orphaned() ? "Interrupted run: " : "Run in progress: ")
          .append(status.unfinished().runId())
          .append(" (")
          .append(status.unfinished().kind())
          .append(' ')
          .append(status.unfinished().from() == null ? "" : status.unfinished().from() + " → ")
          .append(status.unfinished().to())
          .append(", ")
          .append(status.unfinished().status().replace('_', ' '))
          .append(")\n  at: ")
          .append(status.currentStep())
          .append('\n');
      if (status.orphaned()) {
        text.append(
            "  Lockstep stopped during this run. `lockstep resume` finishes it;"
                + " `lockstep resume --rollback` undoes it.\n");
      }
    } else if (status.lastRun() != null) {
      text.append("Last run:    ")
          .append(status.lastRun().runId())
          .append(" — ")
          .append(status.lastRun().status().replace('_', ' '))
          .append('\n');
      if (status.lastRun().summary() != null) {
        text.append(status.lastRun().summary().indent(2));
      }
    }
    return text.toString();
  }

  /** One row per service node under a header, each column as wide as its widest cell. */
  static String services(List<ServiceStatus> services) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ServiceStatus service : services) {
      for (ServiceStatus.NodeStatus node : service.nodes()) {
        rows.add(
            List.of(
                service.service(),
                node.node(),
                node.version() == null ? "-" : node.version(),
                node.running() ? "running" : "stopped",
                node.detail() == null ? "" : node.detail()));
      }
    }
    int[] widths = new int[HEADERS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < widths.length; i++) {
        line.append(i == widths.length - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString();
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(width - cell.length());
  }
}
