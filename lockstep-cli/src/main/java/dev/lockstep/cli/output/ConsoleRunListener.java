package dev.lockstep.cli.output;

import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.journal.Phase;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints a run's steps as they happen, on the error stream so stdout stays for the report. */
public final class ConsoleRunListener implements RunListener {
  private final PrintWriter err;

  public ConsoleRunListener(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void stepStarted(Phase phase, int number, int total, String description) {
    err.printf("%s[%d/%d] %s …%n", prefix(phase), number, total, description);
    err.flush();
  }

  @Override
  public void stepSucceeded(Phase phase, String description, Duration took, String detail) {
    err.printf("%s      done in %s: %s%n", prefix(phase), Durations.format(took), detail);
    err.flush();
  }

  @Override
  public void stepFailed(Phase phase, String description, Duration took, String reason) {
    err.printf("%s      FAILED after %s: %s%n", prefix(phase), Durations.format(took), reason);
    err.flush();
  }

  /** One line per phase of a node: " api@web-2: draining (1/3 nodes done)". */
  @Override
  public void nodeProgress(String service, String node, String phase, int done, int total) {
    synchronized (err) {
      err.printf("      %s@%s: %s (%d/%d nodes done)%n", service, node, phase, done, total);
      err.flush();
    }
  }

  @Override
  public void notice(String message) {
    err.println("  ! " + message);
    err.flush();
  }

  private static String prefix(Phase phase) {
    return phase == Phase.ROLLBACK ? "rollback " : "";
  }
}
