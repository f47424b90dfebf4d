package dev.lockstep.engine;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.NoticeEvent;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.notices.Notice;
import dev.lockstep.engine.notices.NoticeSender;
import dev.lockstep.engine.watch.FailureResponse;
import dev.lockstep.engine.watch.Judgement;
import dev.lockstep.engine.watch.WatchListener;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.WatchStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A failed signal after an upgrade: reverts the services by itself only while the rollback is still
 * a plain revert (no contract migration ran) and the automatic-rollback window is open; otherwise
 * alerts an operator with the exact command, and, when a rollback now means a restore, the data it
 * would lose. It never restores a database by itself.
 */
final class WatchFailureResponder implements FailureResponse {
  private static final String REVERT = "revert_services";
  private static final String RESTORE = "restore_backup";

  private final Journal journal;
  private final WatchConfig watch;
  private final String configFile;
  private final Supplier<RollbackPreview> preview;
  private final Supplier<RunReport> rollback;
  private final NoticeSender notices;
  private final Clock clock;

  WatchFailureResponder(
      Journal journal,
      WatchConfig watch,
      String configFile,
      Supplier<RollbackPreview> preview,
      Supplier<RunReport> rollback,
      NoticeSender notices,
      Clock clock) {
    this.journal = journal;
    this.watch = watch;
    this.configFile = configFile;
    this.preview = preview;
    this.rollback = rollback;
    this.notices = notices;
    this.clock = clock;
  }

  @Override
  public WatchStatus respond(String runId, List<Judgement> failed, WatchListener listener) {
    RunRecord run = journal.run(runId).orElseThrow();
    String why = failed.stream().map(Judgement::reason).collect(Collectors.joining("; "));
    RollbackPreview now;
    try {
      now = preview.get();
    } catch (LockstepException e) {
      return alert(
          run, why + ". What a rollback would do cannot be told: " + e.getMessage(), listener);
    }
    boolean revertOnly = REVERT.equals(now.strategy());
    Optional<Instant> windowEnds = watch.autoRevertWindow().map(run.endedAt()::plus);
    boolean inWindow = windowEnds.map(end -> !clock.instant().isAfter(end)).orElse(false);
    if (revertOnly && inWindow) {
      tell(
          runId,
          listener,
          "Reverting to "
              + run.fromVersion()
              + " by itself: "
              + why
              + ". The rollback is still a revert of the services: no data is lost.");
      try {
        RunReport reverted = rollback.get();
        if (reverted.exitCode() != 0) {
          return alert(
              run,
              why
                  + ". The automatic revert, run "
                  + reverted.runId()
                  + ", ended "
                  + reverted.status().replace('_', ' ')
                  + ": "
                  + reverted.summary(),
              listener);
        }
        tell(runId, listener, "Reverted to " + run.fromVersion() + " by run " + reverted.runId());
        return WatchStatus.REVERTED;
      } catch (LockstepException e) {
        return alert(run, why + ". The automatic revert failed: " + e.getMessage(), listener);
      }
    }
    String command = "`lockstep rollback --config " + configFile + "`";
    String next;
    if (revertOnly) {
      next =
          command
              + " reverts the services to "
              + run.fromVersion()
              + "; no data is lost. "
              + windowEnds
                  .map(end -> "The automatic-rollback window closed at " + end + ".")
                  .orElse("Automatic rollback is off (watch.autoRevert).");
    } else if (RESTORE.equals(now.strategy())) {
      next =
          "A rollback now means a restore, which Lockstep never starts by itself: "
              + command
              + " would "
              + now.description()
              + dataLoss(now)
              + " `lockstep rollback --dry-run` shows it first.";
    } else {
      next =
          command
              + " would "
              + now.description()
              + ". `lockstep rollback --dry-run` shows it first; the watch does not start it by"
              + " itself, because it may have to restore.";
    }
    return alert(run, why + ". " + next, listener);
  }

  @Override
  public Optional<String> pointOfNoReturn(String runId) {
    RollbackPreview now;
    try {
      now = preview.get();
    } catch (LockstepException e) {
      return Optional.empty();
    }
    if (!RESTORE.equals(now.strategy())) {
      return Optional.empty();
    }
    return Optional.of(
        "Point of no return: a rollback now means a restore ("
            + now.description()
            + ")"
            + dataLoss(now)
            + " On a failed signal the watch alerts and prints the command; it never restores by"
            + " itself.");
  }

  private static String dataLoss(RollbackPreview now) {
    if (now.since() == null) {
      return ".";
    }
    Duration lost = now.dataLossWindow();
    return ", losing every write since "
        + now.since()
        + (lost == null ? "" : " (" + Durations.format(lost) + " so far)")
        + ".";
  }

  private WatchStatus alert(RunRecord run, String message, WatchListener listener) {
    String text = "Needs an operator: " + message;
    tell(run.id(), listener, text);
    notices.send(
        new Notice(
            NoticeEvent.NEEDS_OPERATOR,
            run.environment(),
            run.fromVersion(),
            run.toVersion(),
            run.id(),
            text,
            clock.instant()));
    return WatchStatus.FAILED;
  }

  private void tell(String runId, WatchListener listener, String what) {
    journal.watches().addEvent(runId, what);
    listener.event(what);
  }
}
