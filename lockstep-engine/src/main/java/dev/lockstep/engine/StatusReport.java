package dev.lockstep.engine;

import dev.lockstep.core.report.RunReport;
import dev.lockstep.targets.ServiceStatus;
import java.time.Instant;
import java.util.List;

/**
 * Where a deployment stands.
 *
 * @param installed the installed release, or null
 * @param unfinished the run in progress or interrupted, or null
 * @param orphaned whether that run's Lockstep process is gone (then `lockstep resume` continues it)
 * @param currentStep the step the unfinished run is in, or was in when it stopped
 * @param lastRun the latest run, finished or not
 * @param drift the running nodes that are not on the installed release
 */
public record StatusReport(
    String environment,
    String installed,
    Instant installedSince,
    RunReport unfinished,
    boolean orphaned,
    String currentStep,
    RunReport lastRun,
    List<ServiceStatus> services,
    List<NodeDrift> drift) {

  public StatusReport {
    services = List.copyOf(services);
    drift = List.copyOf(drift);
  }

  /** Where a deployment stands, its drift read from {@code services}. */
  public StatusReport(
      String environment,
      String installed,
      Instant installedSince,
      RunReport unfinished,
      boolean orphaned,
      String currentStep,
      RunReport lastRun,
      List<ServiceStatus> services) {
    this(
        environment,
        installed,
        installedSince,
        unfinished,
        orphaned,
        currentStep,
        lastRun,
        services,
        NodeDrift.of(installed, unfinished != null, services));
  }
}
