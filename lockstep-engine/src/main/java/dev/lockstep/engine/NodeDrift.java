package dev.lockstep.engine;

import dev.lockstep.targets.ServiceStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A running node that is not on the installed release: someone changed it outside Lockstep (an
 * image pulled and started by hand, a binary swapped). {@code lockstep upgrade --to <installed>}
 * puts the release back.
 *
 * @param runs the release it runs, or null when it runs an artifact of no known release
 * @param detail what the target read (e.g. the container and its image)
 */
public record NodeDrift(String service, String node, String runs, String detail) {

  /**
   * The drifted nodes of {@code services} against {@code installed}; none while nothing is
   * installed or a run is under way (then nodes are between releases on purpose).
   */
  static List<NodeDrift> of(String installed, boolean runUnderWay, List<ServiceStatus> services) {
    List<NodeDrift> drift = new ArrayList<>();
    if (installed == null || runUnderWay) {
      return drift;
    }
    for (ServiceStatus service : services) {
      for (ServiceStatus.NodeStatus node : service.nodes()) {
        boolean otherRelease = node.version() != null && !node.version().equals(installed);
        if (node.running() && (otherRelease || node.unknownArtifact())) {
          drift.add(new NodeDrift(service.service(), node.node(), node.version(), node.detail()));
        }
      }
    }
    return List.copyOf(drift);
  }

  /** For example "api@local runs 1.0.0" or "api@local runs an artifact of no known release". */
  public String describe() {
    return service
        + "@"
        + node
        + (runs == null
            ? " runs an artifact of no known release (" + detail + ")"
            : " runs " + runs);
  }
}
