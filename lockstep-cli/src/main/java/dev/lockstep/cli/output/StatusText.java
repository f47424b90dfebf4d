package dev.lockstep.cli.output;

import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.WatchSummary;
import dev.lockstep.targets.ServiceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code lockstep status} as text. */
public final class StatusText {
  private StatusText() {}

  private static final List<String> HEADERS =
      List.of("SERVICE", "NODE", "VERSION", "STATE", "DETAIL");

  public static String render(StatusReport status) {
    return render(status, Clock.systemUTC());
  }

  /** As of {@code clock}: how much data a restore would lose so far. */
  public static String render(StatusReport status, Clock clock) {
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
    if (status.unfinished() == null && status.rollbackNow() != null) {
      text.append(rollbackNow(status.rollbackNow(), clock.instant()));
    }
    if (status.watch() != null) {
      text.append(watch(status.watch()));
    }
    return text.toString();
  }

  /** The point of no return, once passed: a rollback means a restore, and what it would lose. */
  static String rollbackNow(RollbackNow now, Instant at) {
    if (!now.restores()) {
      return "Rollback now: " + now.description() + " (no data is lost).\n";
    }
    String lost =
        now.dataLossSince() == null
            ? ""
            : "; it would lose every write since "
                + now.dataLossSince()
                + " ("
                + Durations.format(Duration.between(now.dataLossSince(), at))
                + " so far)";
    return "Point of no return: passed. A rollback now means a restore: "
        + now.description()
        + lost
        + ".\n  Why: "
        + now.reason()
        + "\n";
  }

  static String watch(WatchSummary watch) {
    StringBuilder text = new StringBuilder("Watch:       ");
    text.append(watch.status().name().toLowerCase(Locale.ROOT));
    if (watch.status().finished()) {
      text.append(" (").append(watch.summary()).append(")\n");
    } else if (watch.orphaned()) {
      text.append(
              " — its process is gone; `lockstep watch "
                  + watch.runId()
                  + "` goes on with its samples (ends ")
          .append(watch.endsAt())
          .append(")\n");
    } else {
      text.append(" until ").append(watch.endsAt()).append('\n');
    }
    for (Judgement judgement : watch.judgements()) {
      text.append("  ")
          .append(judgement.signal())
          .append(": ")
          .append(judgement.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .append(" — ")
          .append(judgement.reason())
          .append('\n');
    }
    watch.events().stream()
        .skip(Math.max(0, watch.events().size() - 3))
        .forEach(event -> text.append("  » ").append(event.what()).append('\n'));
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
