package dev.lockstep.engine.watch;

import dev.lockstep.journal.WatchStatus;
import java.util.List;
import java.util.Optional;

/**
 * What a watch does when a signal fails: revert the services by itself, when that is allowed and
 * still only a revert, or alert an operator with the exact command.
 */
public interface FailureResponse {
  /**
   * @param runId the upgrade watched
   * @param failed the signals that failed, with their numbers
   * @return {@link WatchStatus#REVERTED} if the services were reverted, else {@link
   *     WatchStatus#FAILED}
   */
  WatchStatus respond(String runId, List<Judgement> failed, WatchListener listener);

  /**
   * When a rollback of {@code runId} now means a database restore (a contract migration ran), the
   * sentence that says so and what it would lose so far; empty while it is still a revert.
   */
  Optional<String> pointOfNoReturn(String runId);
}
