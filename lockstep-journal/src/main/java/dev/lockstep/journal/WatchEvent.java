package dev.lockstep.journal;

import java.time.Instant;

/** Something a watch did or said, in words: a notice sent, a revert started, an alert. */
public record WatchEvent(Instant at, String what) {}
