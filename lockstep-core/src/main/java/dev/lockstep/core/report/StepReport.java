package dev.lockstep.core.report;

import java.time.Duration;
import java.time.Instant;

/** One journaled step: forward or rollback, its status and how long it took. */
public record StepReport(
    int seq,
    String name,
    String phase,
    String status,
    Instant startedAt,
    Duration duration,
    String detail) {}
