package dev.lockstep.targets.process;

import dev.lockstep.targets.host.ProcFs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the processes that carry one deployment's {@link ServiceMarker}, whether or not any state
 * file records them. Lockstep itself and its ancestors are never among them, even when it was
 * started from inside a service.
 */
final class MarkedProcesses {
  private final String deployment;

  MarkedProcesses(String deployment) {
    this.deployment = deployment;
  }

  List<MarkedProcess> all() {
    Set<Long> self = new HashSet<>();
    for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        p.isPresent();
        p = p.get().parent()) {
      self.add(p.get().pid());
    }
    List<MarkedProcess> found = new ArrayList<>();
    for (long pid : ProcFs.pids()) {
      if (self.contains(pid)) {
        continue;
      }
      ProcFs.environmentVariable(pid, ServiceMarker.VARIABLE)
          .flatMap(ServiceMarker::parse)
          .filter(marker -> marker.deployment().equals(deployment))
          .ifPresent(
              marker ->
                  ProcessHandle.of(pid)
                      .filter(LiveProcess::isRunning)
                      .ifPresent(handle -> found.add(new MarkedProcess(handle, marker))));
    }
    return found;
  }

  /**
   * The processes of {@code service@node} that {@code state} does not account for: all of them,
   * unless they belong to the start the state records and whose process still runs. Only the
   * topmost of each family is returned; stopping it stops its descendants.
   */
  static List<MarkedProcess> strays(
      List<MarkedProcess> marked, String service, String node, ProcessState state) {
    String unit = ServiceMarker.unit(service, node);
    boolean recordedRuns = LiveProcess.of(state).isPresent();
    List<MarkedProcess> strays =
        marked.stream()
            .filter(p -> p.marker().unit().equals(unit))
            .filter(p -> !(recordedRuns && p.marker().token().equals(state.launchToken())))
            .toList();
    Set<Long> pids = new HashSet<>();
    strays.forEach(p -> pids.add(p.pid()));
    return strays.stream().filter(p -> p.parentPid().filter(pids::contains).isEmpty()).toList();
  }
}
