package dev.lockstep.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one run did, rebuilt from the journal: the steps and their durations, the real downtime, the
 * migrations applied, the backup, the checks and the rollback.
 *
 * @param downtime from the first service stopped to the last check passed (null if no service was
 *     stopped, or if the services never came back)
 */
public record RunReport(
    String runId,
    String kind,
    String environment,
    String from,
    String to,
    String status,
    int exitCode,
    Instant startedAt,
    Instant endedAt,
    Duration duration,
    Duration downtime,
    String backupId,
    List<StepReport> steps,
    List<MigrationReport> migrations,
    List<CheckResult> checks,
    RollbackReport rollback,
    String summary) {

  public RunReport {
    steps = List.copyOf(steps);
    migrations = List.copyOf(migrations);
    checks = List.copyOf(checks);
  }
}
