package dev.lockstep.engine.watch;

import java.time.Instant;

/** One reading of a signal. */
public record Sample(Instant at, double value) {}
