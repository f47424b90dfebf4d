package dev.lockstep.engine.watch;

import java.time.Instant;

/**
 * Something the watch did, as the report lists and charts it.
 *
 * @param at when it happened
 * @param what what it did, in one sentence: "notice sent to #ops: errors failed", "auto-revert to
 *     2.3.0 started", "a contract migration ran: a rollback now means a restore"
 */
public record WatchEvent(Instant at, String what) {}
