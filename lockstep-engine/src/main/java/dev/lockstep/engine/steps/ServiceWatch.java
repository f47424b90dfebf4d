package dev.lockstep.engine.steps;

import dev.lockstep.checks.AbortCondition;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.targets.ServiceProcesses;
import dev.lockstep.targets.Target;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stops the checks as soon as a service Lockstep started is no longer running: its checks would
 * only poll a dead port (or someone else's process) until their deadline. Only for targets that
 * know their processes; asked every few hundred milliseconds, it reads state files only.
 */
final class ServiceWatch implements AbortCondition {
  private final Target target;
  private final List<ServiceConfig> services;

  ServiceWatch(Target target, Collection<ServiceConfig> services) {
    this.target = target;
    this.services = List.copyOf(services);
  }

  @Override
  public Optional<String> reason() {
    for (ServiceConfig service : services) {
      Optional<ServiceProcesses> processes = target.processes(service);
      if (processes.isPresent() && !processes.get().notRunning().isEmpty()) {
        String node = processes.get().notRunning().get(0);
        return Optional.of(
            service.name()
                + "@"
                + node
                + " is not running (its process has exited; see the log of "
                + service.name()
                + "@"
                + node
                + ")");
      }
    }
    return Optional.empty();
  }
}
