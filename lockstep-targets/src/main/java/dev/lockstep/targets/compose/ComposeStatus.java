package dev.lockstep.targets.compose;

import dev.lockstep.core.process.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The project's containers of some services: from the engine's {@code docker ps} by Compose's
 * labels when the engine's CLI is Docker's (fast: it loads no compose file), else from {@code
 * compose ps --all}.
 */
final class ComposeStatus {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final ComposeRunner runner;
  private final EngineCli engine;
  private final String project;

  ComposeStatus(ComposeRunner runner, EngineCli engine, String project) {
    this.runner = runner;
    this.engine = engine;
    this.project = project;
  }

  /**
   * Every container of {@code services}, running or not.
   *
   * @throws IllegalStateException when compose fails or prints what is not JSON
   */
  List<ContainerState> containers(Collection<String> services) {
    List<String> lines =
        engine.isDocker() ? engine.projectContainers(project) : composePs(services);
    if (lines.size() >= 200) {
      // The runner keeps the first 200 lines of stdout; more containers would go unseen.
      throw new IllegalStateException(
          "ps printed 200 lines or more; Lockstep reads at most 200 containers.");
    }
    return ContainerStates.parse(lines).stream()
        .filter(container -> services.contains(container.service()))
        .toList();
  }

  private List<String> composePs(Collection<String> services) {
    List<String> verb = new ArrayList<>(List.of("ps", "--all", "--format", ContainerStates.FORMAT));
    verb.addAll(services);
    ProcessResult result = runner.compose("ps", verb, DEADLINE, 20);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
    return result.head();
  }
}
