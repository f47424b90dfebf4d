package dev.lockstep.engine.rolling;

import dev.lockstep.engine.api.RunListener;
import java.util.concurrent.atomic.AtomicInteger;

/** Tells the listener how far a roll is: nodes done of the total, and each node's phase. */
final class RollProgress {
  private final RunListener listener;
  private final AtomicInteger done;
  private final int total;

  /**
   * @param doneBefore the nodes replaced by the batches before this one
   * @param total every node the roll replaces
   */
  RollProgress(RunListener listener, int doneBefore, int total) {
    this.listener = listener == null ? RunListener.NONE : listener;
    this.done = new AtomicInteger(doneBefore);
    this.total = total;
  }

  void phase(String service, String node, String phase) {
    listener.nodeProgress(service, node, phase, done.get(), total);
  }

  void done(String service, String node) {
    listener.nodeProgress(service, node, "done", done.incrementAndGet(), total);
  }
}
