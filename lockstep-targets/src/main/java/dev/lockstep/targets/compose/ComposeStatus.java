package dev.lockstep.targets.compose;

import dev.lockstep.core.process.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The project's containers of some services, from {@code ps --all}. */
final class ComposeStatus {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final ComposeRunner runner;

  ComposeStatus(ComposeRunner runner) {
    this.runner = runner;
  }

  /**
   * Every container of {@code services}, running or not.
   *
   * @throws IllegalStateException when compose fails or prints what is not JSON
   */
  List<ContainerState> containers(Collection<String> services) {
    List<String> verb = new ArrayList<>(List.of("ps", "--all", "--format", ContainerStates.FORMAT));
    verb.addAll(services);
    ProcessResult result = runner.compose("ps", verb, DEADLINE, 20);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
    if (result.head().size() >= 200) {
      // The runner keeps the first 200 lines of stdout; more containers would go unseen.
      throw new IllegalStateException(
          "compose ps printed 200 lines or more; Lockstep reads at most 200 containers.");
    }
    return ContainerStates.parse(result.head());
  }
}
