package dev.lockstep.targets.process;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.TargetException;
import dev.lockstep.targets.host.PortHolder;
import dev.lockstep.targets.host.PortHolders;
import dev.lockstep.targets.host.ProcFs;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses to start a service while something else listens on one of its ports ({@code
 * services.<name>.ports}): the new process would fail to bind, or, worse, keep running while the
 * other process answers its checks.
 */
final class PortGuard {
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(50);

  private final String deployment;
  private final Collection<Secret> secrets;

  PortGuard(String deployment, Collection<Secret> secrets) {
    this.deployment = deployment;
    this.secrets = List.copyOf(secrets);
  }

  void requireFree(ServiceConfig service, String node) {
    for (int port : service.ports()) {
      List<PortHolder> holders = settledHolders(port);
      if (!holders.isEmpty()) {
        throw new TargetException(service.name(), node, message(service, node, port, holders));
      }
    }
  }

  /**
   * The holders of {@code port}, after waiting for sockets that no process holds any more: the
   * kernel may close the socket of a process that has just exited (a stray stopped a moment ago) a
   * little after the process is gone. A socket held by a live process is reported at once.
   */
  private static List<PortHolder> settledHolders(int port) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<PortHolder> holders = PortHolders.on(port);
    while (!holders.isEmpty()
        && holders.stream().allMatch(h -> h.pid() == null)
        && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      holders = PortHolders.on(port);
    }
    return holders;
  }

  private String message(ServiceConfig service, String node, int port, List<PortHolder> holders) {
    String who =
        holders.stream()
            .map(holder -> OutputTail.redact(describe(holder), secrets))
            .distinct()
            .collect(Collectors.joining("; "));
    String pids =
        holders.stream()
            .filter(h -> h.pid() != null)
            .map(h -> h.pid().toString())
            .distinct()
            .collect(Collectors.joining(" "));
    return "cannot start "
        + service.name()
        + "@"
        + node
        + ": port "
        + port
        + " (services."
        + service.name()
        + ".ports) is already taken by "
        + who
        + ". Fix: stop that process"
        + (pids.isEmpty() ? "" : " (kill " + pids + ")")
        + ", or move one of the two to another port.";
  }

  /** The holder, and which service it is when Lockstep itself started it for this deployment. */
  private String describe(PortHolder holder) {
    String text = holder.describe() + ", listening on " + holder.socket().endpoint();
    if (holder.pid() == null) {
      return text;
    }
    return ProcFs.environmentVariable(holder.pid(), ServiceMarker.VARIABLE)
        .flatMap(ServiceMarker::parse)
        .filter(marker -> marker.deployment().equals(deployment))
        .map(marker -> text + ", which is " + marker.unit() + " of this deployment")
        .orElse(text);
  }
}
