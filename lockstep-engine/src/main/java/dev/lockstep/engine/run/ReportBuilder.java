package dev.lockstep.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RollbackReport;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.report.StepReport;
import dev.lockstep.engine.steps.Checklists;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rebuilds a run's report from the journal alone, so any past run can be reported again. */
public final class ReportBuilder {
  private final Journal journal;

  public ReportBuilder(Journal journal) {
    this.journal = journal;
  }

  public RunReport build(String runId) {
    RunRecord run = journal.run(runId).orElseThrow();
    List<StepRecord> steps = journal.steps(runId);
    Map<String, String> facts = journal.facts(runId);
    List<CheckResult> checks = new ArrayList<>();
    checks.addAll(
        list(facts, Checklists.FORWARD_CHECKS, new TypeReference<List<CheckResult>>() {}));
    checks.addAll(
        list(facts, Checklists.ROLLBACK_CHECKS, new TypeReference<List<CheckResult>>() {}));
    DowntimeSplit split = DowntimeSplit.of(facts, steps);
    return new RunReport(
        run.id(),
        run.kind().name().toLowerCase(java.util.Locale.ROOT),
        run.environment(),
        run.fromVersion(),
        run.toVersion(),
        run.status().name().toLowerCase(java.util.Locale.ROOT),
        RunExitCodes.of(run.status()),
        run.startedAt(),
        run.endedAt(),
        run.endedAt() == null ? null : Duration.between(run.startedAt(), run.endedAt()),
        downtime(facts),
        facts.get(RunFacts.BACKUP_ID),
        steps.stream().map(ReportBuilder::step).toList(),
        list(facts, RunFacts.MIGRATIONS_APPLIED, new TypeReference<List<MigrationReport>>() {}),
        checks,
        rollback(run, steps, facts),
        run.summary(),
        split.toHealthy(),
        split.lockstepOwn(),
        Optional.ofNullable(facts.get(RunFacts.ROLLBACK_NOW))
            .map(json -> Json.read(json, RollbackNow.class))
            .orElse(null),
        overrides(facts));
  }

  /** What the operator let the run do against a gate or a check, with the reasons. */
  private static List<String> overrides(Map<String, String> facts) {
    List<String> overrides = new ArrayList<>();
    Optional.ofNullable(facts.get(RunFacts.STAGING_SKIPPED))
        .ifPresent(reason -> overrides.add("skipped staging: " + reason));
    Optional.ofNullable(facts.get(RunFacts.ACCEPT_UNVERIFIED))
        .ifPresent(reason -> overrides.add("accepted an unverified backup: " + reason));
    if (facts.containsKey(RunFacts.DRIFT_ALLOWED)) {
      overrides.add("allowed schema drift (--allow-drift)");
    }
    return overrides;
  }

  /**
   * Writes the report of {@code runId} into {@code reportsDir}, in the {@link RunReportFile}
   * format; returns the file.
   */
  public Path write(String runId, Path reportsDir) {
    Path file = reportsDir.resolve(runId + ".json");
    RunReportFile.write(file, build(runId));
    return file;
  }

  private static StepReport step(StepRecord record) {
    return new StepReport(
        record.seq(),
        record.name(),
        record.phase().name().toLowerCase(java.util.Locale.ROOT),
        record.status().name().toLowerCase(java.util.Locale.ROOT),
        record.startedAt(),
        record.duration(),
        record.detail());
  }

  private static Duration downtime(Map<String, String> facts) {
    String start = facts.get(RunFacts.SERVICES_STOPPED_AT);
    String end = facts.get(RunFacts.SERVICES_BACK_AT);
    if (start == null || end == null) {
      return null;
    }
    return Duration.between(Instant.parse(start), Instant.parse(end));
  }

  private static RollbackReport rollback(
      RunRecord run, List<StepRecord> steps, Map<String, String> facts) {
    String strategyName = facts.get(RunFacts.ROLLBACK_STRATEGY);
    if (strategyName == null) {
      return null;
    }
    RollbackStrategy strategy = RollbackStrategy.valueOf(strategyName);
    String previous =
        run.kind() == dev.lockstep.journal.RunKind.UPGRADE ? run.fromVersion() : run.toVersion();
    List<StepRecord> rollbackSteps =
        steps.stream().filter(s -> s.phase() == Phase.ROLLBACK).toList();
    Duration took = null;
    if (!rollbackSteps.isEmpty() && rollbackSteps.get(rollbackSteps.size() - 1).endedAt() != null) {
      took =
          Duration.between(
              rollbackSteps.get(0).startedAt(),
              rollbackSteps.get(rollbackSteps.size() - 1).endedAt());
    }
    String window = facts.get(RunFacts.DATA_LOSS_WINDOW);
    String restoredFrom = facts.get(RunFacts.RESTORED_FROM);
    return new RollbackReport(
        strategy.name().toLowerCase(java.util.Locale.ROOT),
        strategy.describeDone(previous, restoredFrom),
        facts.get(RunFacts.ROLLBACK_REASON),
        list(facts, RunFacts.ROLLBACK_PROVEN, new TypeReference<List<String>>() {}),
        list(facts, RunFacts.ROLLBACK_INFERRED, new TypeReference<List<String>>() {}),
        restoredFrom,
        strategy.restoresData() ? facts.get(RunFacts.BACKUP_ID) : null,
        window == null ? null : Duration.parse(window),
        took,
        kept(facts));
  }

  /** The databases the run kept aside and the operator has not dropped. */
  private static List<KeptDatabase> kept(Map<String, String> facts) {
    return list(facts, RunFacts.KEPT_DATABASES, new TypeReference<List<KeptDatabase>>() {}).stream()
        .filter(kept -> !facts.containsKey(RunFacts.KEPT_DROPPED + kept.kept()))
        .toList();
  }

  private static <T> List<T> list(
      Map<String, String> facts, String key, TypeReference<List<T>> type) {
    String json = facts.get(key);
    return json == null ? List.of() : Json.read(json, type);
  }
}
