package dev.lockstep.engine.run;

import dev.lockstep.core.manifest.ReleaseManifest;

/**
 * The two releases a run moves between.
 *
 * @param previous the release a rollback returns to (null when nothing was installed before)
 * @param next the release the run installs, or, for a rollback run, the one it leaves
 */
public record RunReleases(ReleaseManifest previous, ReleaseManifest next) {

  public String previousVersion() {
    return previous == null ? null : previous.version().toString();
  }
}
