package dev.lockstep.targets;

import java.util.List;

/** What a target knows of one service, node by node. */
public record ServiceStatus(String service, List<NodeStatus> nodes) {

  public ServiceStatus {
    nodes = List.copyOf(nodes);
  }

  public boolean anyRunning() {
    return nodes.stream().anyMatch(NodeStatus::running);
  }

  /**
   * One node of a service.
   *
   * @param version the release it runs, or null when the target cannot tell
   * @param detail e.g. "pid 4242" or the output of the version command
   * @param unknownArtifact whether the target read what the node runs (a container's image) and it
   *     is from no release Lockstep knows: changed outside Lockstep
   */
  public record NodeStatus(
      String node, boolean running, String version, String detail, boolean unknownArtifact) {

    /** A node whose artifact is a release's, or that the target cannot read. */
    public NodeStatus(String node, boolean running, String version, String detail) {
      this(node, running, version, detail, false);
    }
  }
}
