package dev.lockstep.engine.notices;

import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.RunAftermath;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;

/**
 * What follows a run's end, with the notice of how it ended sent first (it only queues it). Not
 * sent again when the aftermath is redone for a run that ended long ago.
 */
public final class NoticeAftermath implements RunAftermath {
  private final RunAftermath aftermath;
  private final RunNotices notices;
  private final RunListener listener;

  public NoticeAftermath(RunAftermath aftermath, RunNotices notices, RunListener listener) {
    this.aftermath = aftermath;
    this.notices = notices;
    this.listener = listener;
  }

  @Override
  public void runEnded(String runId, RunStatus status) {
    try {
      notices.runEnded(runId, status);
    } catch (RuntimeException e) {
      listener.notice("The notice of how run " + runId + " ended was not sent: " + e.getMessage());
    }
    aftermath.runEnded(runId, status);
  }

  @Override
  public void redo(RunRecord run) {
    aftermath.redo(run);
  }
}
