package dev.lockstep.core.plan;

/**
 * One step of a plan.
 *
 * @param servicesDown whether the services are down while it runs
 * @param rollbackAfter the rollback that applies if the run fails during or after this step
 */
public record PlannedStep(
    int number,
    String name,
    String description,
    boolean servicesDown,
    RollbackStrategy rollbackAfter) {}
