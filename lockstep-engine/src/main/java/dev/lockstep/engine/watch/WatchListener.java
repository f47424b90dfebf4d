package dev.lockstep.engine.watch;

import java.time.Instant;
import java.util.List;

/** What a watch tells the operator while it runs. */
public interface WatchListener {
  /** Baseline sampling before an upgrade: {@code done} of {@code total} rounds. */
  default void baselineProgress(int done, int total) {}

  /** One round of sampling was judged: the latest verdict of every signal. */
  default void judged(Instant at, List<Judgement> judgements) {}

  /** A signal could not be read this round; the watch goes on without that sample. */
  default void readFailed(String signal, String reason) {}

  /** Something the watch did or says: an action, an alert. Journaled as well. */
  default void event(String what) {}

  WatchListener NONE = new WatchListener() {};
}
