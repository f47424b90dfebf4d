package dev.lockstep.journal;

import java.time.Instant;

/** The release a deployment runs, as the last finished run left it. */
public record Installed(String version, String runId, Instant since) {}
