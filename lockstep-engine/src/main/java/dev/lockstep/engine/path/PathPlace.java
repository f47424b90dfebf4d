package dev.lockstep.engine.path;

/**
 * Where on a journaled path the next hops fall: a new path, or the rest of one whose hops a crash
 * interrupted, so that the hops taken after {@code resume} join the path they belong to.
 *
 * @param pathId the path's id (its first hop's run id), or null for a new path, whose first hop
 *     names it
 * @param hopsBefore how many of the path's hops were taken before these
 */
public record PathPlace(String pathId, int hopsBefore) {

  /** A path not started yet. */
  public static final PathPlace NEW = new PathPlace(null, 0);
}
