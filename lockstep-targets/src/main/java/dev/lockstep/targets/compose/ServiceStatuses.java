package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What runs, read from the engine: one {@code ps --all} for all services, and the image id of each
 * service's container matched to a release. A compose service has no nodes of Lockstep's: its
 * containers are reported as the one node {@code local}, running when all of them run.
 */
final class ServiceStatuses {
  private static final String NODE = "local";

  private final ComposeStatus status;
  private final ReleaseImages releases;

  ServiceStatuses(ComposeStatus status, ReleaseImages releases) {
    this.status = status;
    this.releases = releases;
  }

  List<ServiceStatus> of(Collection<ServiceConfig> services) {
    List<ContainerState> containers;
    try {
      containers = status.containers(services.stream().map(ServiceConfig::name).toList());
    } catch (IllegalStateException | IllegalArgumentException e) {
      String why = "unknown: compose ps failed: " + brief(e.getMessage());
      return services.stream()
          .map(s -> new ServiceStatus(s.name(), List.of(new NodeStatus(NODE, false, null, why))))
          .toList();
    }
    ReleaseImages.Lookup lookup = releases.lookup();
    return services.stream()
        .map(s -> new ServiceStatus(s.name(), List.of(node(s, containers, lookup))))
        .toList();
  }

  private static NodeStatus node(
      ServiceConfig service, List<ContainerState> all, ReleaseImages.Lookup lookup) {
    List<ContainerState> own =
        all.stream().filter(c -> c.service().equals(service.name())).toList();
    if (own.isEmpty()) {
      return new NodeStatus(NODE, false, null, "no container");
    }
    ContainerState first = own.get(0);
    boolean running = own.stream().allMatch(ContainerState::running);
    String version = lookup.version(service, first.image(), first.imageId()).orElse(null);
    String detail =
        own.stream().map(c -> c.name() + " " + c.state()).collect(Collectors.joining(", "))
            + ", image "
            + first.image()
            + " ("
            + shortId(first.imageId())
            + ")"
            + (version == null ? "; this image is from no known release" : "");
    return new NodeStatus(NODE, running, version, detail, version == null);
  }

  private static String shortId(String id) {
    if (id == null || id.isBlank()) {
      return "id unknown";
    }
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
  }

  /** A status detail is one line in a table. */
  private static String brief(String text) {
    String line = text.strip().replace('\n', ' ');
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
