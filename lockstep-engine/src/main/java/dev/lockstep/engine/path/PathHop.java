package dev.lockstep.engine.path;

import dev.lockstep.engine.steps.RunFacts;
import java.util.Map;
import java.util.Optional;

/**
 * A run's place on a path across required stops, as its journaled facts say.
 *
 * @param pathId the path's id: the run id of its first hop
 * @param number which hop this run is, from 1
 * @param of how many hops the path had when this hop started
 * @param to the release the path leads to
 */
public record PathHop(String pathId, int number, int of, String to) {

  /**
   * The place of run {@code runId} from its facts; empty for a run that was no hop. A first hop
   * journaled before paths had ids is its own path.
   */
  public static Optional<PathHop> of(String runId, Map<String, String> facts) {
    Optional<int[]> numberOfCount = numberOfCount(facts);
    if (numberOfCount.isEmpty() || !facts.containsKey(RunFacts.PATH_TO)) {
      return Optional.empty();
    }
    int number = numberOfCount.get()[0];
    String pathId = facts.getOrDefault(RunFacts.PATH_ID, number == 1 ? runId : null);
    if (pathId == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PathHop(pathId, number, numberOfCount.get()[1], facts.get(RunFacts.PATH_TO)));
  }

  /**
   * Whether an upgrade with these facts is the last hop of its path, or no hop: the upgrade the
   * watch follows. Reads the facts before the run has an id.
   */
  public static boolean lastOrNone(Map<String, String> facts) {
    return numberOfCount(facts).map(hop -> hop[0] == hop[1]).orElse(true);
  }

  /** {@code path.hop} = {@code 2/3} as {2, 3}; empty when absent or damaged. */
  private static Optional<int[]> numberOfCount(Map<String, String> facts) {
    String hop = facts.get(RunFacts.PATH_HOP);
    if (hop == null || !hop.matches("\\d+/\\d+")) {
      return Optional.empty();
    }
    String[] parts = hop.split("/");
    return Optional.of(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
  }

  /** Whether this is the last hop of its path, the one that installs its end. */
  public boolean last() {
    return number == of;
  }

  /** {@code 2/3 → 2.0.0}. */
  public String label() {
    return number + "/" + of + " → " + to;
  }
}
