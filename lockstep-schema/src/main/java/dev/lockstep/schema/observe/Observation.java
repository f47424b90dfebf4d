package dev.lockstep.schema.observe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one statement did on a scratch database.
 *
 * @param locks the strongest lock it held on each relation that existed before it, read from {@code
 *     pg_locks} before its transaction ended; empty when it could not run in a transaction
 * @param rewrittenTables the tables whose storage it replaced (their {@code relfilenode} changed):
 *     a full rewrite, with every row copied
 * @param took how long the statement ran
 * @param inTransaction false for a statement that cannot run inside a transaction ({@code CREATE
 *     INDEX CONCURRENTLY}), which was run on its own and whose locks could not be read
 * @param error why it failed, or null
 */
public record Observation(
    String statement,
    List<HeldLock> locks,
    List<String> rewrittenTables,
    Duration took,
    boolean inTransaction,
    String error) {

  public Observation {
    locks = List.copyOf(locks);
    rewrittenTables = List.copyOf(rewrittenTables);
  }

  public boolean failed() {
    return error != null;
  }

  /** The strongest lock it held on any relation, if any. */
  public Optional<HeldLock> strongestLock() {
    return locks.stream().max((a, b) -> a.mode().compareTo(b.mode()));
  }

  public Optional<HeldLock> lockOn(String relation) {
    return locks.stream().filter(l -> l.relation().equals(relation)).findFirst();
  }
}
