package dev.lockstep.engine.gates;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.host.PortHolder;
import dev.lockstep.targets.host.PortHolders;
import java.util.ArrayList;
import java.util.List;

/**
 * What of the deployment's services already runs, as its target tells (the process target's
 * records, the command target's version command) and as its declared ports show (someone listens on
 * them): what tells a deployment that runs from one that was never installed.
 *
 * @param found one line per service node or port found in use, e.g. "service api runs on node local
 *     (version 1.0.0, pid 4242)"
 * @param looked whether anyone looked: only a plan from an empty journal does
 */
public record RunningServices(List<String> found, boolean looked) {

  public RunningServices {
    found = List.copyOf(found);
  }

  /** Nobody looked: the journal knows what is installed. */
  public static RunningServices notLooked() {
    return new RunningServices(List.of(), false);
  }

  /** Asks the target about every service, and the machine about every declared port. */
  public static RunningServices look(DeploymentConfig config, Target target) {
    List<String> found = new ArrayList<>();
    for (ServiceConfig service : config.services().values()) {
      found.addAll(fromTarget(service, target));
      for (int port : service.ports()) {
        for (PortHolder holder : holders(port)) {
          found.add(
              "service " + service.name() + "'s port " + port + " is held by " + holder.describe());
        }
      }
    }
    return new RunningServices(found, true);
  }

  public boolean any() {
    return !found.isEmpty();
  }

  private static List<String> fromTarget(ServiceConfig service, Target target) {
    ServiceStatus status;
    try {
      status = target.status(service);
    } catch (RuntimeException e) {
      return List.of(); // A target that cannot tell says nothing either way; the ports still may.
    }
    return status.nodes().stream()
        .filter(ServiceStatus.NodeStatus::running)
        .map(
            node ->
                "service "
                    + service.name()
                    + " runs on node "
                    + node.node()
                    + " ("
                    + (node.version() == null ? "version unknown" : "version " + node.version())
                    + (node.detail() == null ? "" : ", " + node.detail())
                    + ")")
        .toList();
  }

  private static List<PortHolder> holders(int port) {
    try {
      return PortHolders.on(port);
    } catch (RuntimeException e) {
      return List.of(); // No /proc to read (not Linux): the target's answer is all there is.
    }
  }
}
