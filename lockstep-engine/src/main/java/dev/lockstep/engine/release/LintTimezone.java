package dev.lockstep.engine.release;

/**
 * The session time zone migrations are observed under. It matters: PostgreSQL skips the rewrite of
 * {@code ALTER COLUMN … TYPE timestamptz} from {@code timestamp} only when the session's time zone
 * is UTC, so an observation under UTC would promise production a cheap change that rewrites the
 * whole table there.
 *
 * @param zone a PostgreSQL time zone name
 * @param source where it came from
 * @param from the database it was read from ({@code name@host:port}), or null when assumed
 */
public record LintTimezone(String zone, Source source, String from) {

  /** A zone with daylight saving, far from UTC: what most production servers are not, UTC. */
  public static final String ASSUMED_ZONE = "America/New_York";

  public enum Source {
    /** Read from the production database: what a Lockstep session there gets. */
    PRODUCTION,
    /** No production database was given; a non-UTC zone is the safe guess. */
    ASSUMED
  }

  public static LintTimezone assumed() {
    return new LintTimezone(ASSUMED_ZONE, Source.ASSUMED, null);
  }
}
