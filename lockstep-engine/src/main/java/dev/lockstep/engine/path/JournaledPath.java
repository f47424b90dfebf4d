package dev.lockstep.engine.path;

import dev.lockstep.core.report.RunReport;
import java.util.List;

/**
 * One upgrade across required stops as the journal has it: every hop's run, in order, whether the
 * hops ran in one {@code upgrade --to V} or some after a {@code resume}.
 *
 * @param id the path's id, its first hop's run id
 * @param from the release installed before the first hop
 * @param to the release the path leads to
 * @param hops each hop taken, oldest first
 */
public record JournaledPath(String id, String from, String to, List<Hop> hops) {

  public JournaledPath {
    hops = List.copyOf(hops);
  }

  /** One hop's place and its run. */
  public record Hop(PathHop place, RunReport run) {}

  /** Whether the path's end is installed: its last hop was taken and succeeded. */
  public boolean reachedItsEnd() {
    Hop last = hops.get(hops.size() - 1);
    return last.run().exitCode() == 0 && last.run().to().equals(to);
  }
}
