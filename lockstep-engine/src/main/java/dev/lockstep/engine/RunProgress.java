package dev.lockstep.engine;

import dev.lockstep.core.report.RunReport;

/**
 * How far the run in progress has gone, from the journal alone.
 *
 * @param run the run as its report reads so far
 * @param orphaned whether its Lockstep process is gone (then `lockstep resume` continues it)
 * @param currentStep the step it is in, or was in when it stopped; null before its first step
 * @param stepsDone the steps that ended (succeeded, failed or skipped)
 * @param stepsPlanned the steps of its checklists (the upgrade's, then the rollback's if it turned
 *     to one); never fewer than the steps it started
 */
public record RunProgress(
    RunReport run, boolean orphaned, String currentStep, int stepsDone, int stepsPlanned) {}
