package dev.lockstep.cli.serve;

import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.LiveStatus;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/runs/{id}/rollback}: what {@code lockstep rollback --yes} does, started on a
 * thread of its own once the request carries the token and the run id typed again to confirm. Only
 * the run that installed the current release can be rolled back, as on the command line.
 */
public final class RollbackAction {
  /** What the request gets back: an HTTP status and a JSON body. */
  public record Outcome(int status, Map<String, String> body) {
    static Outcome refused(int status, String error) {
      return new Outcome(status, Map.of("error", error));
    }
  }

  private final ActionToken token;
  private final Supplier<Deployment> opener;
  private final PrintWriter log;
  private Thread rollback;

  /**
   * @param opener opens the deployment with its secrets (a rollback may restore a database)
   * @param log the operator's terminal, where the rollback's end is told
   */
  public RollbackAction(ActionToken token, Supplier<Deployment> opener, PrintWriter log) {
    this.token = token;
    this.opener = opener;
    this.log = log;
  }

  synchronized Outcome request(
      String runId, String authorization, String confirm, LiveStatus status) {
    if (authorization == null || authorization.isBlank()) {
      return Outcome.refused(
          401,
          "This action needs the token `lockstep serve` printed when it started: send it as"
              + " Authorization: Bearer <token>.");
    }
    if (!token.matches(authorization)) {
      return Outcome.refused(403, "The token is not the one this `lockstep serve` accepts.");
    }
    if (!runId.equals(confirm)) {
      return Outcome.refused(
          400,
          "Not confirmed: type the run id "
              + runId
              + " again (header X-Lockstep-Confirm) to roll back.");
    }
    if ((rollback != null && rollback.isAlive()) || status.running() != null) {
      return Outcome.refused(
          409,
          "A run is in progress"
              + (status.running() == null ? "" : " (" + status.running().run().runId() + ")")
              + ": wait for it to end; follow it on /live.");
    }
    if (!runId.equals(status.installedBy())) {
      return Outcome.refused(
          409,
          "Run "
              + runId
              + " did not install the current release"
              + (status.installedBy() == null
                  ? " (no release is installed)"
                  : " (" + status.installed() + ", installed by run " + status.installedBy() + ")")
              + ": only that run can be rolled back.");
    }
    rollback = new Thread(() -> rollBack(runId), "lockstep-serve-rollback");
    rollback.start();
    return new Outcome(202, Map.of("started", "rollback", "of", runId, "follow", "/live"));
  }

  private void rollBack(String runId) {
    log.println("lockstep serve: rolling back run " + runId + " (asked through the web page).");
    log.flush();
    try (Deployment deployment = opener.get()) {
      RunReport report = deployment.rollback();
      log.println("lockstep serve: rollback " + report.runId() + ": " + report.summary());
    } catch (RuntimeException e) {
      log.println("lockstep serve: the rollback of run " + runId + " failed: " + e.getMessage());
    }
    log.flush();
  }

  /** Waits for a rollback this server started, if any (tests, and a clean stop). */
  public void awaitRollback() throws InterruptedException {
    Thread started;
    synchronized (this) {
      started = rollback;
    }
    if (started != null) {
      started.join();
    }
  }
}
