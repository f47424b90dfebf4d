package dev.lockstep.engine;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.engine.run.ReportBuilder;
import dev.lockstep.engine.steps.MigrateAfterRolloutStep;
import dev.lockstep.engine.steps.MigrateStep;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.SignalJudge;
import dev.lockstep.engine.watch.SignalTrace;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.engine.watch.WatchedSeries;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import dev.lockstep.journal.WatchRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A watch as its page shows it: every signal's samples and verdict, its events, from the journal.
 */
final class WatchReportBuilder {
  private static final Set<String> MIGRATING =
      Set.of(MigrateStep.NAME, MigrateAfterRolloutStep.NAME);

  private final Journal journal;
  private final WatchConfig config;
  private final Clock clock;

  WatchReportBuilder(Journal journal, WatchConfig config, Clock clock) {
    this.journal = journal;
    this.config = config;
    this.clock = clock;
  }

  /** The watch of upgrade {@code runId}; empty when it has none, or the config watches nothing. */
  Optional<WatchReport> build(String runId) {
    if (config == null) {
      return Optional.empty();
    }
    return journal.watches().watch(runId).map(this::report);
  }

  private WatchReport report(WatchRecord watch) {
    String runId = watch.runId();
    WatchedSeries series = WatchedSeries.of(journal.watches().samples(runId));
    Instant judgedAt = watch.endedAt() == null ? clock.instant() : watch.endedAt();
    List<Judgement> judgements = series.judge(new SignalJudge(), config, judgedAt);
    List<SignalTrace> traces =
        config.signals().stream()
            .map(
                signal ->
                    new SignalTrace(
                        signal,
                        series.baseline(signal.name()),
                        series.watched(signal.name()),
                        judgementOf(signal, judgements)))
            .toList();
    return new WatchReport(
        runId,
        runId,
        watch.release(),
        watch.previous(),
        watch.startedAt(),
        watch.endsAt(),
        Optional.ofNullable(watch.endedAt()),
        watch.status(),
        traces,
        journal.watches().events(runId),
        pointOfNoReturn(runId));
  }

  private static Judgement judgementOf(SignalConfig signal, List<Judgement> judgements) {
    return judgements.stream()
        .filter(judgement -> judgement.signal().equals(signal.name()))
        .findFirst()
        .orElse(null);
  }

  /** When the upgrade's migrations ended, if a rollback of it now means a restore. */
  private Optional<Instant> pointOfNoReturn(String runId) {
    RollbackNow now = new ReportBuilder(journal).build(runId).rollbackNow();
    if (now == null || !now.restores()) {
      return Optional.empty();
    }
    return journal.steps(runId).stream()
        .filter(step -> MIGRATING.contains(step.name()) && step.status() == StepStatus.SUCCEEDED)
        .map(StepRecord::endedAt)
        .reduce((first, last) -> last);
  }
}
