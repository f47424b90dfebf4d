package dev.lockstep.engine.release;

/**
 * How one release's migrations were run on the throwaway server.
 *
 * @param tookMillis from creating its database to the last migration's schema read
 * @param startedFrom {@code empty} or the release whose end state (a template database) it started
 *     from, when that release's migrations are the first ones of this release
 * @param reused how many of its migrations that template already held: their observation is that
 *     release's
 * @param ran how many of its migrations were run for it
 * @param schemaWritten where the schema after its migrations was written ({@code --schema-out}), or
 *     null
 */
public record ReleaseObservation(
    long tookMillis, String startedFrom, int reused, int ran, String schemaWritten) {

  public static final String EMPTY = "empty";
}
