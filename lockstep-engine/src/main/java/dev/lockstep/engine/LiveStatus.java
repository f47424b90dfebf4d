package dev.lockstep.engine;

import java.time.Instant;

/**
 * Where a deployment stands, read from the journal alone (no target is asked), so that it is cheap
 * enough to ask every second.
 *
 * @param installed the installed release, or null
 * @param installedBy the run that installed it (the one `lockstep rollback` undoes), or null
 * @param running the run in progress or interrupted, or null
 * @param lastRunId the latest run, finished or not, or null
 */
public record LiveStatus(
    String environment,
    String installed,
    String installedBy,
    Instant installedSince,
    RunProgress running,
    String lastRunId) {}
