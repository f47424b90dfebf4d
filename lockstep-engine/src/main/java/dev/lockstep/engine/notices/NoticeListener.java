package dev.lockstep.engine.notices;

import dev.lockstep.engine.api.RunListener;
import dev.lockstep.journal.Phase;
import java.time.Duration;

/** The user's listener, with a run's downtime also told to the notice receivers. */
public final class NoticeListener implements RunListener {
  private final RunListener listener;
  private final RunNotices notices;

  public NoticeListener(RunListener listener, RunNotices notices) {
    this.listener = listener;
    this.notices = notices;
  }

  @Override
  public void downtimeStarts(String runId) {
    try {
      notices.downtimeStarted(runId);
    } catch (RuntimeException e) {
      listener.notice("The downtime notice was not sent: " + e.getMessage());
    }
    listener.downtimeStarts(runId);
  }

  @Override
  public void stepStarted(Phase phase, int number, int total, String description) {
    listener.stepStarted(phase, number, total, description);
  }

  @Override
  public void stepSucceeded(Phase phase, String description, Duration took, String detail) {
    listener.stepSucceeded(phase, description, took, detail);
  }

  @Override
  public void stepFailed(Phase phase, String description, Duration took, String reason) {
    listener.stepFailed(phase, description, took, reason);
  }

  @Override
  public void nodeProgress(String service, String node, String phase, int done, int total) {
    listener.nodeProgress(service, node, phase, done, total);
  }

  @Override
  public void notice(String message) {
    listener.notice(message);
  }
}
