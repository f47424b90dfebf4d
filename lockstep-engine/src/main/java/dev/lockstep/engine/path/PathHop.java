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
    String to = facts.get(RunFacts.PATH_TO);
    String hop = facts.get(RunFacts.PATH_HOP);
    if (to == null || hop == null || !hop.matches("\\d+/\\d+")) {
      return Optional.empty();
    }
    String[] numberOfCount = hop.split("/");
    int number = Integer.parseInt(numberOfCount[0]);
    String pathId = facts.getOrDefault(RunFacts.PATH_ID, number == 1 ? runId : null);
    if (pathId == null) {
      return Optional.empty();
    }
    return Optional.of(new PathHop(pathId, number, Integer.parseInt(numberOfCount[1]), to));
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
