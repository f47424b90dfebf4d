package dev.lockstep.examples;

import dev.lockstep.core.report.RunReport;
import java.time.Duration;
import java.util.List;

/**
 * What the demo did and proved.
 *
 * @param runs the report of each run, in order: install 1.0.0, upgrade to 1.1.0, failed upgrade to
 *     2.0.0 rolled back to 1.1.0
 * @param missing notes written before the last backup that the API no longer returns
 * @param proven the story went as told: every upgrade ended as expected and no note was lost
 */
public record DemoResult(
    List<RunReport> runs,
    int notesWritten,
    int notesFound,
    List<Long> missing,
    boolean proven,
    Duration duration,
    String workFolder) {}
