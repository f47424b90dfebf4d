package dev.lockstep.engine.gates;

import dev.lockstep.core.config.JobsConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.gates.JobsProbe.Reading;
import java.time.Duration;
import java.util.List;

/**
 * No long-running job (an export, an import, a reindex) is cut off by the upgrade's downtime. The
 * deployment's {@code jobs} probe says what runs; an upgrade waits up to {@code jobs.wait} for it
 * to finish, asking again every second, then blocks listing what still runs. A plan never waits: it
 * says what the upgrade would do. A probe that cannot be read blocks, since nothing it said would
 * be known. A deployment without a {@code jobs} section leaves the gate out.
 */
public final class JobsGate implements Gate {
  private static final String NAME = "no long-running jobs";
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final int SHOWN = 10;

  @Override
  public GateResult check(GateContext context) {
    JobsConfig jobs = context.config().jobs();
    if (jobs == null || context.installedVersion() == null) {
      // Nothing installed, nothing of the product runs (another gate makes sure): no job either.
      return null;
    }
    JobsProbe probe = new JobsProbe(context.config());
    Reading first = probe.read();
    if (first.failed()) {
      return unreadable(jobs, first);
    }
    if (first.count() == 0) {
      return GateResult.passed(NAME, "no job running");
    }
    Duration limit = jobs.waitLimit();
    if (limit.isZero()) {
      return blocked(jobs, first, null);
    }
    if (!context.upgrading()) {
      return GateResult.passed(
          NAME,
          running(first)
              + "; the upgrade waits up to "
              + text(limit)
              + " (jobs.wait) for them to finish, and blocks if they have not");
    }
    context
        .waiting()
        .notice(
            running(first)
                + "; waiting up to "
                + text(limit)
                + " for them to finish (jobs.wait), asking every "
                + text(POLL)
                + ".");
    return waitFor(jobs, probe, first);
  }

  private static GateResult waitFor(JobsConfig jobs, JobsProbe probe, Reading first) {
    long started = System.nanoTime();
    Reading now = first;
    while (true) {
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      Duration left = jobs.waitLimit().minus(waited);
      if (left.isNegative() || left.isZero()) {
        return blocked(jobs, now, waited);
      }
      try {
        Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), left.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return GateResult.blocked(
            NAME, "interrupted while waiting for " + running(now) + ".", "upgrade again.");
      }
      now = probe.read();
      if (now.failed()) {
        return unreadable(jobs, now);
      }
      if (now.count() == 0) {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return GateResult.passed(
            NAME, jobs(first.count()) + " finished while waiting " + seconds + " s");
      }
    }
  }

  private static GateResult blocked(JobsConfig jobs, Reading reading, Duration waited) {
    String after =
        waited == null ? "" : ", still after waiting " + waited.toSeconds() + " s (jobs.wait)";
    return GateResult.blocked(
        NAME,
        running(reading) + after + "; the upgrade's downtime would cut them off.",
        "wait for them to finish or stop them, then upgrade again; or let the upgrade wait longer"
            + " for them: jobs.wait (now "
            + text(jobs.waitLimit())
            + ").");
  }

  private static GateResult unreadable(JobsConfig jobs, Reading reading) {
    return GateResult.blocked(
        NAME,
        "cannot tell which jobs run: " + reading.error(),
        "make the probe answer ("
            + jobs.describe()
            + " in the jobs section), or remove the jobs section to upgrade without asking.");
  }

  /** "2 jobs running: export-42, reindex", the first ten named, and how many more. */
  static String running(Reading reading) {
    String text = jobs(reading.count()) + " running";
    List<String> names = reading.names();
    if (names.isEmpty()) {
      return text;
    }
    String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
    return text
        + ": "
        + shown
        + (names.size() > SHOWN ? ", and " + (names.size() - SHOWN) + " more" : "");
  }

  /** A wait as an operator writes it: 10m, 2h, 90s; 1.5s and the like as Durations says them. */
  private static String text(Duration wait) {
    long seconds = wait.toSeconds();
    if (wait.toMillis() % 1000 != 0) {
      return Durations.format(wait);
    }
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static String jobs(int count) {
    return count + (count == 1 ? " job" : " jobs");
  }
}
