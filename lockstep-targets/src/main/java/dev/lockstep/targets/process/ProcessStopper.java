package dev.lockstep.targets.process;

import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.TargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stops a service process: SIGTERM, a grace period, then SIGKILL. */
final class ProcessStopper {
  /** How long a SIGKILLed process may take to disappear before Lockstep gives up on it. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  void stop(ProcessHandle handle, Duration timeout, String service, String node, ServiceLog log) {
    // Children are listed before the parent dies: afterwards they belong to init and can no
    // longer be found, yet they may still hold the service's port.
    Set<ProcessHandle> children = descendants(handle);
    if (!handle.destroy() && LiveProcess.isRunning(handle)) {
      throw new TargetException(
          service,
          node,
          "cannot send SIGTERM to pid "
              + handle.pid()
              + " of "
              + service
              + "@"
              + node
              + ". Fix: run Lockstep as the user that owns the process.");
    }
    if (!LiveProcess.awaitExit(handle, timeout)) {
      log.note(
          Instant.now(),
          "pid "
              + handle.pid()
              + " still ran "
              + Durations.format(timeout)
              + " after SIGTERM; sending SIGKILL");
      // Listed again: a process that ignores SIGTERM may have started others since.
      children.addAll(descendants(handle));
      kill(handle, service, node);
    }
    for (ProcessHandle child : children) {
      if (LiveProcess.isRunning(child)) {
        kill(child, service, node);
      }
    }
  }

  private static Set<ProcessHandle> descendants(ProcessHandle handle) {
    return handle.descendants().collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static void kill(ProcessHandle handle, String service, String node) {
    handle.destroyForcibly();
    if (!LiveProcess.awaitExit(handle, KILL_WAIT)) {
      throw new TargetException(
          service,
          node,
          "pid "
              + handle.pid()
              + " of "
              + service
              + "@"
              + node
              + " survived SIGKILL for "
              + Durations.format(KILL_WAIT)
              + " (stuck in the kernel, or owned by another user). Fix: check it with ps -o"
              + " stat,user -p "
              + handle.pid()
              + " and stop it by hand.");
    }
  }
}
