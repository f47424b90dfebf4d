package dev.lockstep.engine.promotion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long an environment ran a release, from its own shared runs: from the end of the last run
 * that put it on that release (an upgrade or adoption that succeeded) until the first later run
 * that took it elsewhere or left it unknown, or until now.
 *
 * @param since when the environment started running the release; null when it never did
 * @param until when it stopped, or null while it still runs it
 * @param endedBy the run that took it elsewhere, in words ("rollback run 20261206-…, to 1.1.0");
 *     null while it still runs it
 */
public record Bake(String release, Instant since, Instant until, String endedBy) {

  /** What {@code runs} (oldest first) say of {@code release}. */
  public static Bake of(List<SharedRun> runs, String release) {
    int last = -1;
    for (int i = 0; i < runs.size(); i++) {
      SharedRun run = runs.get(i);
      if (run.succeeded() && !"rollback".equals(run.kind()) && release.equals(run.to())) {
        last = i;
      }
    }
    if (last < 0) {
      return new Bake(release, null, null, null);
    }
    Instant since = runs.get(last).endedAt();
    for (SharedRun later : runs.subList(last + 1, runs.size())) {
      if (!release.equals(later.releaseAfter())) {
        return new Bake(release, since, later.endedAt(), words(later));
      }
    }
    return new Bake(release, since, null, null);
  }

  public boolean ran() {
    return since != null;
  }

  /** How long it ran the release, up to {@code now} while it still runs it. */
  public Duration ran(Instant now) {
    return Duration.between(since, until == null ? now : until);
  }

  /** Whether the run that took the environment off the release was a rollback of it. */
  public boolean rolledBack() {
    return endedBy != null && endedBy.startsWith("rollback");
  }

  private static String words(SharedRun run) {
    String where =
        run.releaseAfter() == null ? "which " + run.status() : "to " + run.releaseAfter();
    return run.kind() + " run " + run.runId() + ", " + where;
  }
}
