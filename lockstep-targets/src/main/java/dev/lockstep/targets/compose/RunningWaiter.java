package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.TargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits until every container of some services runs, up to {@code target.compose.wait}. It watches
 * container state, not health: Podman runs health checks from systemd timers, which a machine
 * without systemd never fires, so {@code up --wait} on a health check would hang there. Lockstep's
 * own checks ({@code checks}) say whether the product answers.
 */
final class RunningWaiter {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int LOG_LINES = 15;

  private final ComposeRunner runner;
  private final ComposeStatus status;

  RunningWaiter(ComposeRunner runner, ComposeStatus status) {
    this.runner = runner;
    this.status = status;
  }

  /**
   * @throws TargetException naming the first service whose container exited (with the tail of its
   *     log), or the services not running at the deadline
   */
  void await(Collection<ServiceConfig> services, Duration deadline) {
    Set<String> names =
        services.stream()
            .map(ServiceConfig::name)
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      List<ContainerState> containers = status.containers(names);
      List<String> waiting = new ArrayList<>();
      for (String service : names) {
        List<ContainerState> own =
            containers.stream().filter(c -> c.service().equals(service)).toList();
        for (ContainerState container : own) {
          if (container.ended()) {
            throw exited(container);
          }
        }
        if (own.isEmpty() || !own.stream().allMatch(ContainerState::running)) {
          waiting.add(service + " (" + describe(own) + ")");
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() - end >= 0) {
        throw notRunning(waiting, deadline);
      }
      sleep();
    }
  }

  private TargetException exited(ContainerState container) {
    return new TargetException(
        container.service(),
        "local",
        "service "
            + container.service()
            + ": its container "
            + container.name()
            + " ("
            + container.image()
            + ") exited with code "
            + container.exitCode()
            + " right after it started.\n"
            + OutputTail.describe(logTail(container.service()))
            + "\nFix: read its whole log with `"
            + String.join(" ", runner.command().argv("logs", container.service()))
            + "`; the image may not run with this configuration.");
  }

  private TargetException notRunning(List<String> waiting, Duration deadline) {
    String first = waiting.get(0).substring(0, waiting.get(0).indexOf(' '));
    return new TargetException(
        first,
        "local",
        "not running "
            + Durations.format(deadline)
            + " after compose up (target.compose.wait): "
            + String.join(", ", waiting)
            + ".\n"
            + OutputTail.describe(logTail(first))
            + "\nFix: find out why with `"
            + String.join(" ", runner.command().argv("ps", "--all"))
            + "`, or raise target.compose.wait if it only starts slowly.");
  }

  private String logTail(String service) {
    ProcessResult logs =
        runner.compose(
            "logs " + service,
            List.of("logs", "--no-color", "--no-log-prefix", "--tail", "50", service),
            Duration.ofSeconds(30),
            LOG_LINES);
    return OutputTail.lastLines(String.join("\n", logs.tail()), LOG_LINES, List.of());
  }

  private static String describe(List<ContainerState> own) {
    if (own.isEmpty()) {
      return "no container";
    }
    return own.stream().map(ContainerState::state).collect(Collectors.joining(", "));
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for containers to run", e);
    }
  }
}
