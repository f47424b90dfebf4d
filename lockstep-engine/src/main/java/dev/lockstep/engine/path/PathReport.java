package dev.lockstep.engine.path;

import dev.lockstep.core.plan.PlannedMigration;
import java.util.List;

/**
 * {@code lockstep path --to V}: the releases to install in turn from the installed one.
 *
 * @param from where the path starts: the installed release (or {@code --from}); null when nothing
 *     is installed
 * @param hops each release to install, the target last
 */
public record PathReport(String from, String to, List<Hop> hops) {

  public PathReport {
    hops = List.copyOf(hops);
  }

  /**
   * One release on the way.
   *
   * @param why why it is on the path: "target", "required stop", or "minimumFrom of X"
   * @param downtime what installing it costs and what undoing it takes, from its migrations' class
   * @param migrations the migrations it applies over the hop before it
   * @param notes its release notes
   */
  public record Hop(
      String version,
      String why,
      String downtime,
      List<PlannedMigration> migrations,
      String notes) {

    public Hop {
      migrations = List.copyOf(migrations);
    }
  }
}
