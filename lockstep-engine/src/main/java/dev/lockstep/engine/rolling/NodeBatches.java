package dev.lockstep.engine.rolling;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RolloutConfig;
import dev.lockstep.core.config.ServiceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a deployment's nodes into the batches a roll replaces one after the other: service by
 * service in the config's order, each service's nodes in their order, {@code rollout.batch} (or
 * {@code maxUnavailable}) at a time.
 */
final class NodeBatches {
  private NodeBatches() {}

  /**
   * @param batch nodes replaced at once, or null when {@code percent} gives it
   * @param percent the share of a service's nodes replaced at once, or null
   */
  static List<NodeBatch> of(DeploymentConfig config, Integer batch, Integer percent) {
    int total =
        config.services().values().stream().mapToInt(service -> service.nodes().size()).sum();
    List<NodeBatch> batches = new ArrayList<>();
    int before = 0;
    for (ServiceConfig service : config.services().values()) {
      List<String> nodes = service.nodes();
      int size = RolloutConfig.batchOf(nodes.size(), batch, percent);
      int of = (nodes.size() + size - 1) / size;
      for (int i = 0; i < of; i++) {
        List<String> slice = nodes.subList(i * size, Math.min(nodes.size(), (i + 1) * size));
        batches.add(new NodeBatch(service.name(), slice, i + 1, of, before, total));
        before += slice.size();
      }
    }
    return batches;
  }
}
