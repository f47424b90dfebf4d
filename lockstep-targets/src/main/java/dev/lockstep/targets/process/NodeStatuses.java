package dev.lockstep.targets.process;

import dev.lockstep.targets.ServiceStatus.NodeStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the process target describes one node: its recorded process, and any it did not record. */
final class NodeStatuses {
  private static final String UNRECORDED =
      "not recorded by Lockstep (it was stopped between starting it and writing down its pid);"
          + " the next start, stop or `lockstep resume` stops it";

  private NodeStatuses() {}

  static NodeStatus of(String node, Optional<ProcessState> state, List<MarkedProcess> strays) {
    boolean recordedRuns = state.flatMap(LiveProcess::of).isPresent();
    if (recordedRuns) {
      String detail = "pid " + state.get().pid();
      if (!strays.isEmpty()) {
        detail += "; also " + pids(strays) + ", " + UNRECORDED;
      }
      return new NodeStatus(node, true, state.get().runningVersion(), detail);
    }
    if (!strays.isEmpty()) {
      return new NodeStatus(
          node, true, strayVersion(state, strays), pids(strays) + ", " + UNRECORDED);
    }
    if (state.isEmpty() || state.get().version() == null) {
      return new NodeStatus(node, false, null, "not installed");
    }
    // Not running: the version is the installed one, which a start would run.
    String detail =
        state.get().pid() == null
            ? "not running"
            : "not running (pid " + state.get().pid() + " has exited)";
    return new NodeStatus(node, false, state.get().version(), detail);
  }

  /** The release being started, when the stray is the process of the start the state recorded. */
  private static String strayVersion(Optional<ProcessState> state, List<MarkedProcess> strays) {
    if (state.isEmpty() || state.get().launchToken() == null) {
      return null;
    }
    boolean fromRecordedLaunch =
        strays.stream().allMatch(p -> p.marker().token().equals(state.get().launchToken()));
    return fromRecordedLaunch ? state.get().runningVersion() : null;
  }

  private static String pids(List<MarkedProcess> strays) {
    return (strays.size() == 1 ? "pid " : "pids ")
        + strays.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
  }
}
