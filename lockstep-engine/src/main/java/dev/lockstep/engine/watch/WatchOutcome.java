package dev.lockstep.engine.watch;

import dev.lockstep.journal.WatchStatus;
import java.util.List;

/**
 * How a watch ended (or where it stands when it was stopped).
 *
 * @param runId the upgrade watched
 * @param status how it ended
 * @param summary one line for people
 * @param judgements the last verdict of every signal
 */
public record WatchOutcome(
    String runId, WatchStatus status, String summary, List<Judgement> judgements) {

  public WatchOutcome {
    judgements = List.copyOf(judgements);
  }
}
