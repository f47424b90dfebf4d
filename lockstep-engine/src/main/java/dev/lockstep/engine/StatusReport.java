package dev.lockstep.engine;

import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.watch.WatchSummary;
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
 * @param rollbackNow what a rollback of the upgrade that installed the release would do now, when
 *     that upgrade succeeded: a restore once a contract migration ran (the point of no return), and
 *     the data it would lose; null otherwise
 * @param watch the watch of that upgrade, or null when it has none
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
    List<NodeDrift> drift,
    RollbackNow rollbackNow,
    WatchSummary watch) {

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
      List<ServiceStatus> services,
      RollbackNow rollbackNow,
      WatchSummary watch) {
    this(
        environment,
        installed,
        installedSince,
        unfinished,
        orphaned,
        currentStep,
        lastRun,
        services,
        NodeDrift.of(installed, unfinished != null, services),
        rollbackNow,
        watch);
  }
}
