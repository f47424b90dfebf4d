package dev.lockstep.engine.notices;

import dev.lockstep.core.config.NoticeEvent;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.time.Clock;
import java.util.Optional;

/**
 * Turns the moments of a run into notices: its downtime starting, and its end (upgrade done, rolled
 * back, or a failed rollback that needs an operator). What a notice says comes from the journal, as
 * the run recorded it; an upgrade that stopped before it changed anything sends none.
 */
public final class RunNotices {
  private static final int LONGEST_MESSAGE = 500;

  private final Journal journal;
  private final NoticeSender sender;
  private final Clock clock;

  public RunNotices(Journal journal, NoticeSender sender, Clock clock) {
    this.journal = journal;
    this.sender = sender;
    this.clock = clock;
  }

  /** The services are about to stop for run {@code runId}. */
  public void downtimeStarted(String runId) {
    journal
        .run(runId)
        .ifPresent(
            run ->
                send(
                    run,
                    NoticeEvent.DOWNTIME_STARTED,
                    "Downtime starts: the services of "
                        + run.environment()
                        + " are stopping for the upgrade "
                        + (run.fromVersion() == null ? "" : run.fromVersion() + " → ")
                        + run.toVersion()
                        + "."));
  }

  /** Run {@code runId} ended with {@code status}. */
  public void runEnded(String runId, RunStatus status) {
    journal
        .run(runId)
        .ifPresent(
            run ->
                event(run.kind(), status)
                    .ifPresent(event -> send(run, event, message(event, run.summary()))));
  }

  static Optional<NoticeEvent> event(RunKind kind, RunStatus status) {
    if (kind != RunKind.UPGRADE && kind != RunKind.ROLLBACK) {
      return Optional.empty();
    }
    return switch (status) {
      case SUCCEEDED ->
          Optional.of(kind == RunKind.UPGRADE ? NoticeEvent.UPGRADE_DONE : NoticeEvent.ROLLED_BACK);
      case ROLLED_BACK -> Optional.of(NoticeEvent.ROLLED_BACK);
      case ROLLBACK_FAILED -> Optional.of(NoticeEvent.NEEDS_OPERATOR);
      case FAILED, RUNNING, ROLLING_BACK -> Optional.empty();
    };
  }

  private static String message(NoticeEvent event, String summary) {
    String text = summary == null ? "" : summary.strip();
    if (event == NoticeEvent.NEEDS_OPERATOR) {
      // The briefing's first line says what failed; the rest is for the console and the report.
      return sentence(shortened(text.lines().findFirst().orElse("")))
          + " An operator is needed: `lockstep status` shows where everything stands; fix the"
          + " cause, then `lockstep resume` retries the rollback.";
    }
    return shortened(text);
  }

  private static String shortened(String text) {
    String line = oneLine(text);
    return line.length() <= LONGEST_MESSAGE ? line : line.substring(0, LONGEST_MESSAGE - 1) + "…";
  }

  private static String sentence(String text) {
    return text.isEmpty() || text.matches("(?s).*[.!?…]$") ? text : text + ".";
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private void send(RunRecord run, NoticeEvent event, String message) {
    sender.send(
        new Notice(
            event,
            run.environment(),
            run.fromVersion(),
            run.toVersion(),
            run.id(),
            message,
            clock.instant()));
  }
}
