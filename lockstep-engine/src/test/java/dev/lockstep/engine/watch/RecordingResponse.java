package dev.lockstep.engine.watch;

import dev.lockstep.journal.WatchStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a watch does on a failed signal, recorded instead of done: the tests of the watch loop look
 * at what failed; the real response (revert or alert) is tested on the sample product.
 */
final class RecordingResponse implements FailureResponse {
  /** The signals of each call, in order. */
  final List<List<Judgement>> responded = new CopyOnWriteArrayList<>();

  @Override
  public WatchStatus respond(String runId, List<Judgement> failed, WatchListener listener) {
    responded.add(failed);
    return WatchStatus.FAILED;
  }

  @Override
  public Optional<String> pointOfNoReturn(String runId) {
    return Optional.empty();
  }
}
