package dev.lockstep.engine.run;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RollbackReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run's report as it is on disk ({@code <stateDir>/reports/<run id>.json}), kept apart from
 * {@link RunReport} so that a change to the in-memory record cannot change the file unnoticed.
 * Lockstep itself rebuilds reports from the journal and never reads these files back; they are for
 * operators and their tools, which {@link #read} serves. Version 1 is the shape written before
 * files had versions, with {@code formatVersion} added. The rollback's {@code proven}, {@code
 * inferred}, {@code restoredFrom} and {@code kept}, and {@code rollbackNow}, are optional fields
 * added within version 1: a reader that ignores them still reads the rest right, and a report
 * without them reads with them null (or empty).
 *
 * @param kind {@code upgrade}, {@code rollback} …, as the journal names run kinds, in lower case
 * @param status the run's final (or current) status, in lower case: {@code succeeded}, {@code
 *     rolled_back} …
 * @param downtimeToHealthy stop → the services answered (added in version 1, optional)
 * @param lockstepOwnTime Lockstep's own time inside the downtime (added in version 1, optional)
 * @param rollbackNow after a successful upgrade, the rollback that would undo it, as decided when
 *     it ended (added in version 1, optional)
 * @param overrides what the operator let the run do against a gate or a check, with the reasons
 *     (added in version 1, optional)
 */
public record RunReportFile(
    int formatVersion,
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
    List<Step> steps,
    List<Migration> migrations,
    List<Check> checks,
    Rollback rollback,
    String summary,
    Duration downtimeToHealthy,
    Duration lockstepOwnTime,
    RollbackNow rollbackNow,
    List<String> overrides) {

  public static final FileFormat FORMAT =
      new FileFormat("run report", 1, ErrorCode.MANIFEST_INVALID);

  /** One journaled step. */
  public record Step(
      int seq,
      String name,
      String phase,
      String status,
      Instant startedAt,
      Duration duration,
      String detail) {}

  /** One migration the run applied, and its class. */
  public record Migration(String version, String description, String type) {}

  /** One validation check. */
  public record Check(
      String name, boolean passed, int attempts, Duration duration, String message) {}

  /** How the run was undone. */
  public record Rollback(
      String strategy,
      String description,
      String reason,
      List<String> proven,
      List<String> inferred,
      String restoredFrom,
      String backupId,
      Duration dataLossWindow,
      Duration duration,
      List<Kept> kept) {}

  /** A database the rollback kept aside, renamed, with what the failed release wrote. */
  public record Kept(
      String store,
      String database,
      String kept,
      String server,
      Instant keptAt,
      String restoredFrom) {}

  /** Which rollback would undo a successful upgrade, as it stood when the upgrade ended. */
  public record RollbackNow(
      String strategy,
      String description,
      String reason,
      List<String> proven,
      List<String> inferred,
      String restoreFrom,
      String backupId,
      Instant dataLossSince) {}

  /** Writes {@code report} to {@code file}, atomically. */
  public static void write(Path file, RunReport report) {
    Json.writeFile(file, of(report));
  }

  /**
   * Reads a report written by this Lockstep or an earlier one.
   *
   * @throws IOException when it is not a run report
   * @throws dev.lockstep.core.api.BadInputException when a newer Lockstep wrote it
   */
  public static RunReport read(Path file) throws IOException {
    return FORMAT.read(file, RunReportFile.class).toReport();
  }

  static RunReportFile of(RunReport report) {
    RollbackReport rollback = report.rollback();
    return new RunReportFile(
        FORMAT.current(),
        report.runId(),
        report.kind(),
        report.environment(),
        report.from(),
        report.to(),
        report.status(),
        report.exitCode(),
        report.startedAt(),
        report.endedAt(),
        report.duration(),
        report.downtime(),
        report.backupId(),
        report.steps().stream()
            .map(
                s ->
                    new Step(
                        s.seq(),
                        s.name(),
                        s.phase(),
                        s.status(),
                        s.startedAt(),
                        s.duration(),
                        s.detail()))
            .toList(),
        report.migrations().stream()
            .map(m -> new Migration(m.version(), m.description(), m.type()))
            .toList(),
        report.checks().stream()
            .map(c -> new Check(c.name(), c.passed(), c.attempts(), c.duration(), c.message()))
            .toList(),
        rollback == null
            ? null
            : new Rollback(
                rollback.strategy(),
                rollback.description(),
                rollback.reason(),
                rollback.proven(),
                rollback.inferred(),
                rollback.restoredFrom(),
                rollback.backupId(),
                rollback.dataLossWindow(),
                rollback.duration(),
                rollback.kept().stream()
                    .map(
                        k ->
                            new Kept(
                                k.store(),
                                k.database(),
                                k.kept(),
                                k.server(),
                                k.keptAt(),
                                k.restoredFrom()))
                    .toList()),
        report.summary(),
        report.downtimeToHealthy(),
        report.lockstepOwnTime(),
        nowOf(report.rollbackNow()),
        report.overrides());
  }

  private static RollbackNow nowOf(dev.lockstep.core.report.RollbackNow now) {
    return now == null
        ? null
        : new RollbackNow(
            now.strategy(),
            now.description(),
            now.reason(),
            now.proven(),
            now.inferred(),
            now.restoreFrom(),
            now.backupId(),
            now.dataLossSince());
  }

  RunReport toReport() {
    return new RunReport(
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
        listOf(steps).stream()
            .map(
                s ->
                    new StepReport(
                        s.seq(),
                        s.name(),
                        s.phase(),
                        s.status(),
                        s.startedAt(),
                        s.duration(),
                        s.detail()))
            .toList(),
        listOf(migrations).stream()
            .map(m -> new MigrationReport(m.version(), m.description(), m.type()))
            .toList(),
        listOf(checks).stream()
            .map(
                c -> new CheckResult(c.name(), c.passed(), c.attempts(), c.duration(), c.message()))
            .toList(),
        rollback == null
            ? null
            : new RollbackReport(
                rollback.strategy(),
                rollback.description(),
                rollback.reason(),
                rollback.proven(),
                rollback.inferred(),
                rollback.restoredFrom(),
                rollback.backupId(),
                rollback.dataLossWindow(),
                rollback.duration(),
                listOf(rollback.kept()).stream()
                    .map(
                        k ->
                            new KeptDatabase(
                                k.store(),
                                k.database(),
                                k.kept(),
                                k.server(),
                                k.keptAt(),
                                k.restoredFrom()))
                    .toList()),
        summary,
        downtimeToHealthy,
        lockstepOwnTime,
        rollbackNow == null
            ? null
            : new dev.lockstep.core.report.RollbackNow(
                rollbackNow.strategy(),
                rollbackNow.description(),
                rollbackNow.reason(),
                rollbackNow.proven(),
                rollbackNow.inferred(),
                rollbackNow.restoreFrom(),
                rollbackNow.backupId(),
                rollbackNow.dataLossSince()),
        listOf(overrides));
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : list;
  }
}
