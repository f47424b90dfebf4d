package dev.lockstep.engine.rolling;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fleet of lightweight nodes held in memory: a {@link Target} whose nodes stop and start at once
 * and a {@link LoadBalancer} that drains them at once. Only the scale run uses it, to measure what
 * Lockstep itself costs per node (its journal, its bookkeeping) at 1,000 nodes, where real
 * processes cannot be started on one machine.
 */
final class InMemoryFleet implements Target, LoadBalancer {
  private final Map<String, String> installed = new ConcurrentHashMap<>();
  private final Map<String, String> running = new ConcurrentHashMap<>();
  private final Map<String, String> rotation = new ConcurrentHashMap<>();

  /** Every node of {@code service} runs {@code version}, in rotation. */
  void runAll(ServiceConfig service, String version) {
    for (String node : service.nodes()) {
      installed.put(node, version);
      running.put(node, version);
      rotation.put(node, ServerState.UP);
    }
  }

  String versionOn(String node) {
    return running.get(node);
  }

  String rotationOf(String node) {
    return rotation.get(node);
  }

  @Override
  public void stop(ServiceConfig service) {
    service.nodes().forEach(running::remove);
  }

  @Override
  public void install(ServiceConfig service, ReleaseManifest release) {
    service.nodes().forEach(node -> installed.put(node, release.version().toString()));
  }

  @Override
  public void start(ServiceConfig service, ReleaseManifest release) {
    service.nodes().forEach(node -> running.put(node, installed.get(node)));
  }

  @Override
  public ServiceStatus status(ServiceConfig service) {
    return new ServiceStatus(
        service.name(),
        service.nodes().stream()
            .map(
                node ->
                    new NodeStatus(
                        node, running.containsKey(node), running.get(node), "in memory", false))
            .toList());
  }

  @Override
  public String describe() {
    return "an in-memory balancer";
  }

  @Override
  public void drain(String node) {
    rotation.put(node, "DRAIN");
  }

  @Override
  public void maint(String node) {
    rotation.put(node, "MAINT");
  }

  @Override
  public void ready(String node) {
    rotation.put(node, ServerState.UP);
  }

  @Override
  public int inFlight(String node) {
    return 0;
  }

  @Override
  public Optional<ServerState> state(String node) {
    return Optional.of(new ServerState(node, node, rotation.get(node), "L7OK", ""));
  }
}
