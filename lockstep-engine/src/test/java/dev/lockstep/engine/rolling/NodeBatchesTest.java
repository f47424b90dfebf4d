package dev.lockstep.engine.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeBatchesTest {

  @Test
  void of_cutsEachServiceInTurn_inItsNodeOrder() {
    List<NodeBatch> batches = NodeBatches.of(config(5, 1), 2, null);

    assertThat(batches)
        .extracting(NodeBatch::service, NodeBatch::nodes, NodeBatch::number, NodeBatch::of)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("api", List.of("api-1", "api-2"), 1, 3),
            org.assertj.core.groups.Tuple.tuple("api", List.of("api-3", "api-4"), 2, 3),
            org.assertj.core.groups.Tuple.tuple("api", List.of("api-5"), 3, 3),
            org.assertj.core.groups.Tuple.tuple("worker", List.of("worker-1"), 1, 1));
    assertThat(batches).extracting(NodeBatch::before).containsExactly(0, 2, 4, 5);
    assertThat(batches).allMatch(batch -> batch.total() == 6);
    assertThat(batches.get(1).stepName("roll")).isEqualTo("roll api 2/3");
  }

  @Test
  void of_aShareOfEachService_roundedUp_atLeastOneNode() {
    assertThat(NodeBatches.of(config(4, 1), null, 25))
        .extracting(batch -> batch.nodes().size())
        .containsExactly(1, 1, 1, 1, 1);
    assertThat(NodeBatches.of(config(5, 1), null, 50))
        .extracting(batch -> batch.nodes().size())
        .containsExactly(3, 2, 1);
  }

  private static DeploymentConfig config(int apiNodes, int workerNodes) {
    Map<String, ServiceConfig> services = new LinkedHashMap<>();
    services.put("api", service("api", apiNodes));
    services.put("worker", service("worker", workerNodes));
    return DeploymentConfig.builder().environment("test").services(services).build();
  }

  private static ServiceConfig service(String name, int nodes) {
    List<String> names =
        java.util.stream.IntStream.rangeClosed(1, nodes).mapToObj(i -> name + "-" + i).toList();
    return new ServiceConfig(
        name, name, names, null, null, Map.of(), null, "true", "true", "true", null);
  }
}
