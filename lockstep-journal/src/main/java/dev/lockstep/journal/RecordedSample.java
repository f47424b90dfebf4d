package dev.lockstep.journal;

import java.time.Instant;

/** One reading of a watched signal, as journaled. */
public record RecordedSample(String signal, SampleSeries series, Instant at, double value) {}
