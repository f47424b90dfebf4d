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
 * @param downtimeToHealthy from the first service stopped until the services answered (the first
 *     check passed); null when not measured
 * @param lockstepOwnTime Lockstep's own time inside the downtime, apart from the product's
 *     (stopping, migrating, starting until it answers); null when not measured, e.g. a rollback
 * @param rollbackNow after a successful upgrade, the rollback that would undo it, as decided when
 *     it ended; null for other runs, and for runs from before it was recorded
 * @param overrides what the operator let the run do against a gate or a check, each with the
 *     operator's reason, e.g. "skipped staging: hotfix for the outage"
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
    String summary,
    Duration downtimeToHealthy,
    Duration lockstepOwnTime,
    RollbackNow rollbackNow,
    List<String> overrides) {

  /** A report of a run the operator let do nothing against a gate or a check. */
  public RunReport(
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
      String summary,
      Duration downtimeToHealthy,
      Duration lockstepOwnTime,
      RollbackNow rollbackNow) {
    this(
        runId,
        kind,
        environment,
        from,
        to,
        status,
        exitCode,
        startedAt,
        endedAt,
        duration,
        downtime,
        backupId,
        steps,
        migrations,
        checks,
        rollback,
        summary,
        downtimeToHealthy,
        lockstepOwnTime,
        rollbackNow,
        List.of());
  }

  /** A report without the rollback that would apply now (any run but a successful upgrade). */
  public RunReport(
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
      String summary,
      Duration downtimeToHealthy,
      Duration lockstepOwnTime) {
    this(
        runId,
        kind,
        environment,
        from,
        to,
        status,
        exitCode,
        startedAt,
        endedAt,
        duration,
        downtime,
        backupId,
        steps,
        migrations,
        checks,
        rollback,
        summary,
        downtimeToHealthy,
        lockstepOwnTime,
        null);
  }

  /** A report without the downtime's split (as runs before it was measured). */
  public RunReport(
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
    this(
        runId,
        kind,
        environment,
        from,
        to,
        status,
        exitCode,
        startedAt,
        endedAt,
        duration,
        downtime,
        backupId,
        steps,
        migrations,
        checks,
        rollback,
        summary,
        null,
        null,
        null);
  }

  public RunReport {
    steps = List.copyOf(steps);
    migrations = List.copyOf(migrations);
    checks = List.copyOf(checks);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }
}
