package dev.lockstep.engine.rolling;

import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.journal.Phase;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the listener how far a roll is: nodes done of the total, and each node's phase. A crash
 * test can stop Lockstep once a node is drained ({@code LOCKSTEP_PAUSE_AT=forward:roll api
 * 2/3:web-2 drained}), the moment a node is out of rotation and not yet replaced.
 */
final class RollProgress {
  private final RunListener listener;
  private final AtomicInteger done;
  private final int total;
  private final Phase phase;
  private final String step;
  private final CrashPoints crashPoints;

  /**
   * @param doneBefore the nodes replaced by the batches before this one
   * @param total every node the roll replaces
   * @param step the journaled step this batch is
   */
  RollProgress(RunListener listener, int doneBefore, int total, Phase phase, String step) {
    this.listener = listener == null ? RunListener.NONE : listener;
    this.done = new AtomicInteger(doneBefore);
    this.total = total;
    this.phase = phase;
    this.step = step;
    this.crashPoints = CrashPoints.fromEnvironment();
  }

  /** {@code node} is out of rotation and its in-flight work is done. */
  void drained(String service, String node) {
    phase(service, node, "drained");
    crashPoints.reached(phase, step, node + " drained");
  }

  void phase(String service, String node, String phase) {
    listener.nodeProgress(service, node, phase, done.get(), total);
  }

  void done(String service, String node) {
    listener.nodeProgress(service, node, "done", done.incrementAndGet(), total);
  }
}
