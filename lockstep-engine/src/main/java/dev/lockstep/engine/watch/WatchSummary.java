package dev.lockstep.engine.watch;

import dev.lockstep.journal.WatchEvent;
import dev.lockstep.journal.WatchStatus;
import java.time.Instant;
import java.util.List;

/**
 * Where the watch of the running release stands, for {@code lockstep status}.
 *
 * @param orphaned whether its process is gone while it should still be watching ({@code lockstep
 *     watch} goes on with its samples)
 * @param judgements every signal's verdict on the samples so far
 * @param events what it did and said, in order
 */
public record WatchSummary(
    String runId,
    String release,
    WatchStatus status,
    boolean orphaned,
    Instant startedAt,
    Instant endsAt,
    Instant endedAt,
    String summary,
    List<Judgement> judgements,
    List<WatchEvent> events) {

  public WatchSummary {
    judgements = List.copyOf(judgements);
    events = List.copyOf(events);
  }
}
