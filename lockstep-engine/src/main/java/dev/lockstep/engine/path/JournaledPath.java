package dev.lockstep.engine.path;

import dev.lockstep.core.report.RunReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

  /**
   * The path run {@code runId} is a hop of, from the runs of the journal and each run's place on a
   * path; empty when it was no hop.
   *
   * @param runs the journal's runs (any order)
   * @param places each run's place on a path, by run id
   */
  public static Optional<JournaledPath> of(
      String runId, List<RunReport> runs, Function<String, Optional<PathHop>> places) {
    Optional<PathHop> place = places.apply(runId);
    if (place.isEmpty()) {
      return Optional.empty();
    }
    String id = place.get().pathId();
    List<Hop> hops = new ArrayList<>();
    for (RunReport run : runs) {
      places
          .apply(run.runId())
          .filter(hop -> hop.pathId().equals(id))
          .ifPresent(hop -> hops.add(new Hop(hop, run)));
    }
    hops.sort(Comparator.comparing(hop -> hop.run().startedAt()));
    return Optional.of(new JournaledPath(id, hops.get(0).run().from(), place.get().to(), hops));
  }

  /** One hop's place and its run. */
  public record Hop(PathHop place, RunReport run) {}

  /** Whether the path's end is installed: its last hop was taken and succeeded. */
  public boolean reachedItsEnd() {
    Hop last = hops.get(hops.size() - 1);
    return last.run().exitCode() == 0 && last.run().to().equals(to);
  }
}
