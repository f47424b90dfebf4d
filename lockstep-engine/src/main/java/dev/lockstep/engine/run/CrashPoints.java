package dev.lockstep.engine.run;

import dev.lockstep.journal.Phase;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Lets a crash test stop Lockstep at an exact step boundary: with {@code LOCKSTEP_PAUSE_AT} set to
 * e.g. {@code forward:migrate:started}, Lockstep prints where it is and waits there to be killed.
 * Unset, it does nothing.
 */
public final class CrashPoints {
  public static final String VARIABLE = "LOCKSTEP_PAUSE_AT";

  private final String pauseAt;
  private final PrintStream announce;

  public CrashPoints(String pauseAt, PrintStream announce) {
    this.pauseAt = pauseAt;
    this.announce = announce;
  }

  public static CrashPoints fromEnvironment() {
    return new CrashPoints(System.getenv(VARIABLE), System.err);
  }

  public static CrashPoints none() {
    return new CrashPoints(null, System.err);
  }

  /**
   * Called when a step has been journaled as started, and again once journaled as finished; and
   * with step {@code run} and event {@code ended} once a run's end is journaled, before what
   * follows it (dropping unneeded snapshots, writing the report).
   */
  public void reached(Phase phase, String step, String event) {
    String point = phase.name().toLowerCase(Locale.ROOT) + ":" + step + ":" + event;
    if (!point.equals(pauseAt)) {
      return;
    }
    announce.println(
        "lockstep: paused at " + point + " (pid " + ProcessHandle.current().pid() + ")");
    announce.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
