package dev.lockstep.backup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Finds a PostgreSQL program on a thread of its own. The lookup runs pg_config, a process start of
 * 0.1 to 0.2 s on a busy machine, which then overlaps with the first connections instead of coming
 * before them; whoever needs the program asks {@link dev.lockstep.postgres.PgTools} again and gets
 * the answer (or TOOL_MISSING) once the lookup is done.
 */
final class ToolLookup {
  private final CompletableFuture<Void> lookup;

  private ToolLookup(CompletableFuture<Void> lookup) {
    this.lookup = lookup;
  }

  /** Starts {@code find} when {@code needed}; otherwise a lookup that is already done. */
  static ToolLookup start(boolean needed, String program, Runnable find) {
    if (!needed) {
      return new ToolLookup(CompletableFuture.completedFuture(null));
    }
    CompletableFuture<Void> lookup = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                find.run();
                lookup.complete(null);
              } catch (RuntimeException e) {
                lookup.completeExceptionally(e);
              }
            },
            "lockstep-find-" + program);
    thread.setDaemon(true);
    thread.start();
    return new ToolLookup(lookup);
  }

  /** Waits for the lookup; throws what it threw (TOOL_MISSING). */
  void await() {
    try {
      lookup.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
