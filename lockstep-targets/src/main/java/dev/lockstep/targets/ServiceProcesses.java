package dev.lockstep.targets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes a target started and recorded for one service, node by node, for a target that runs
 * them itself.
 *
 * @param running the pid of each node whose recorded process still runs
 * @param notRunning the nodes whose recorded process has exited, or that run nothing
 */
public record ServiceProcesses(String service, Map<String, Long> running, List<String> notRunning) {

  public ServiceProcesses {
    running = Collections.unmodifiableMap(new LinkedHashMap<>(running));
    notRunning = List.copyOf(notRunning);
  }
}
