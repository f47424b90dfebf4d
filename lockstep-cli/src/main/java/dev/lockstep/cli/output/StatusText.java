package dev.lockstep.cli.output;

import dev.lockstep.engine.StatusReport;
import dev.lockstep.targets.ServiceStatus;

/** {@code lockstep status} as text. */
public final class StatusText {
  private StatusText() {}

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
    for (ServiceStatus service : status.services()) {
      for (ServiceStatus.NodeStatus node : service.nodes()) {
        text.append(
            String.format(
                "  %-12s %-8s %-8s %s%n",
                service.service(),
                node.node(),
                node.running() ? "running" : "stopped",
                (node.version() == null ? "" : node.version() + " ")
                    + (node.detail() == null ? "" : node.detail())));
      }
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
}
