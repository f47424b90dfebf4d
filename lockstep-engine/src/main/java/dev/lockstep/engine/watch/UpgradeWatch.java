package dev.lockstep.engine.watch;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.SignalSource;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.SampleSeries;
import dev.lockstep.journal.WatchRecord;
import dev.lockstep.journal.WatchStatus;
import dev.lockstep.journal.Watches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The watch after one upgrade: samples every signal each interval until the watch's end, journals
 * every round, judges each signal against its baseline, and on a failed signal hands over to the
 * {@link FailureResponse}. A watch killed at any point and started again goes on with the samples
 * the journal kept.
 */
public final class UpgradeWatch {
  /**
   * How many rounds in a row a signal must fail before the watch acts: one burst of noise can fail
   * one judgement, and a real regression fails the next round too, 15 seconds later at the default
   * interval. With {@link SignalJudge#failP(int)}, noise made at most 1 in 100 seeded watches act.
   */
  public static final int CONFIRMING_ROUNDS = 2;

  private final Journal journal;
  private final WatchConfig config;
  private final Function<SignalConfig, SignalReader> readers;
  private final SignalJudge judge;
  private final FailureResponse response;
  private final Clock clock;
  private final Pause pause;

  public UpgradeWatch(
      Journal journal,
      WatchConfig config,
      Function<SignalConfig, SignalReader> readers,
      SignalJudge judge,
      FailureResponse response,
      Clock clock,
      Pause pause) {
    this.journal = journal;
    this.config = config;
    this.readers = readers;
    this.judge = judge;
    this.response = response;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * Watches {@code run} (an upgrade that succeeded and installed the running release) until the
   * watch's end, a failed signal, or a later run replacing the release. An interrupt stops it where
   * it is, still {@link WatchStatus#WATCHING}, for a later {@code lockstep watch} to go on.
   */
  public WatchOutcome watch(RunRecord run, WatchListener listener) {
    WatchRecord record = begin(run, listener);
    Watches watches = journal.watches();
    Map<String, SignalReader> signalReaders = new LinkedHashMap<>();
    config.signals().forEach(signal -> signalReaders.put(signal.name(), readers.apply(signal)));
    WatchedSeries series = WatchedSeries.of(watches.samples(run.id()));
    baselineFromHistory(run, signalReaders, series, listener);
    List<Judgement> judgements = judgeAll(series);
    FailStreaks streaks = new FailStreaks(CONFIRMING_ROUNDS);
    while (clock.instant().isBefore(record.endsAt())) {
      if (Thread.currentThread().isInterrupted()) {
        return new WatchOutcome(
            run.id(),
            WatchStatus.WATCHING,
            "Stopped by the operator; `lockstep watch " + run.id() + "` goes on with its samples.",
            judgements);
      }
      if (replaced(run)) {
        String summary =
            "Stopped: a later run replaced " + run.toVersion() + " before the watch ended.";
        watches.finish(run.id(), WatchStatus.STOPPED, summary);
        return new WatchOutcome(run.id(), WatchStatus.STOPPED, summary, judgements);
      }
      Instant roundStart = clock.instant();
      List<RecordedSample> round =
          SignalRound.read(signalReaders, SampleSeries.WATCHED, clock, listener);
      watches.addSamples(run.id(), round);
      series.add(round);
      judgements = judgeAll(series);
      listener.judged(roundStart, judgements);
      List<Judgement> failed = streaks.confirmed(judgements);
      if (!failed.isEmpty()) {
        return failedOutcome(run, failed, judgements, listener);
      }
      Duration left = Duration.between(clock.instant(), roundStart.plus(config.interval()));
      if (!left.isNegative() && !left.isZero()) {
        pause.sleep(left);
      }
    }
    return ended(run, record, judgements);
  }

  private WatchRecord begin(RunRecord run, WatchListener listener) {
    Watches watches = journal.watches();
    WatchRecord existing = watches.watch(run.id()).orElse(null);
    if (existing == null) {
      refuseUnlessInstalledBy(run);
      WatchRecord started =
          watches.start(
              run.id(),
              run.toVersion(),
              run.fromVersion(),
              clock.instant().plus(config.duration()));
      response
          .pointOfNoReturn(run.id())
          .ifPresent(
              what -> {
                watches.addEvent(run.id(), what);
                listener.event(what);
              });
      return started;
    }
    if (existing.status().finished()) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "The watch of run "
              + run.id()
              + " has ended: "
              + existing.status().name().toLowerCase(Locale.ROOT)
              + (existing.summary() == null ? "." : " (" + existing.summary() + ").")
              + " `lockstep report "
              + run.id()
              + "` shows it; a later upgrade starts a new watch.");
    }
    if (!existing.orphaned() && existing.ownerPid() != ProcessHandle.current().pid()) {
      throw new LockstepException(
          ErrorCode.RUN_IN_PROGRESS,
          "Run "
              + run.id()
              + " is already being watched by process "
              + existing.ownerPid()
              + " (since "
              + existing.startedAt()
              + "). Let it watch (`lockstep status` shows its verdicts), or stop that process"
              + " first.");
    }
    watches.claim(run.id());
    String what =
        "Continued by process "
            + ProcessHandle.current().pid()
            + " after the watch's process stopped; its samples are kept.";
    watches.addEvent(run.id(), what);
    listener.event(what);
    return existing;
  }

  private void refuseUnlessInstalledBy(RunRecord run) {
    String installedBy = journal.installed().map(Installed::runId).orElse(null);
    if (!run.id().equals(installedBy)) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "Run "
              + run.id()
              + " ("
              + run.kind().name().toLowerCase(Locale.ROOT)
              + " to "
              + run.toVersion()
              + ", "
              + run.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ") did not install the running release: there is nothing of it to watch. Watch the"
              + " upgrade that installed it: `lockstep watch` without a run picks it.");
    }
  }

  /** Prometheus signals with no baseline yet: the server's history before the upgrade. */
  private void baselineFromHistory(
      RunRecord run,
      Map<String, SignalReader> signalReaders,
      WatchedSeries series,
      WatchListener listener) {
    List<RecordedSample> found = new ArrayList<>();
    for (SignalConfig signal : config.signals()) {
      if (!(signal.source() instanceof SignalSource.Prometheus)
          || !series.baseline(signal.name()).isEmpty()) {
        continue;
      }
      try {
        signalReaders
            .get(signal.name())
            .history(run.startedAt().minus(config.baseline()), run.startedAt(), config.interval())
            .forEach(
                sample ->
                    found.add(
                        new RecordedSample(
                            signal.name(), SampleSeries.BASELINE, sample.at(), sample.value())));
      } catch (RuntimeException e) {
        listener.readFailed(signal.name(), e.getMessage());
      }
    }
    journal.watches().addSamples(run.id(), found);
    series.add(found);
  }

  private List<Judgement> judgeAll(WatchedSeries series) {
    return series.judge(judge, config, clock.instant());
  }

  private boolean replaced(RunRecord run) {
    return journal.installed().map(installed -> !installed.runId().equals(run.id())).orElse(true);
  }

  private WatchOutcome failedOutcome(
      RunRecord run, List<Judgement> failed, List<Judgement> judgements, WatchListener listener) {
    WatchStatus status = response.respond(run.id(), failed, listener);
    String summary =
        (status == WatchStatus.REVERTED ? "Reverted to " + run.fromVersion() + ": " : "Failed: ")
            + failed.stream().map(Judgement::reason).collect(Collectors.joining("; "));
    journal.watches().finish(run.id(), status, summary);
    return new WatchOutcome(run.id(), status, summary, judgements);
  }

  private WatchOutcome ended(RunRecord run, WatchRecord record, List<Judgement> judgements) {
    List<Judgement> unjudged =
        judgements.stream().filter(j -> j.verdict() == SignalVerdict.NOT_ENOUGH_DATA).toList();
    String took = Durations.format(Duration.between(record.startedAt(), record.endsAt()));
    WatchStatus status = unjudged.isEmpty() ? WatchStatus.PASSED : WatchStatus.INCONCLUSIVE;
    String summary =
        unjudged.isEmpty()
            ? "Every signal held for " + took + "."
            : "Nothing failed in "
                + took
                + ", but these never had enough data to be judged: "
                + unjudged.stream().map(Judgement::reason).collect(Collectors.joining("; "));
    journal.watches().finish(run.id(), status, summary);
    return new WatchOutcome(run.id(), status, summary, judgements);
  }
}
