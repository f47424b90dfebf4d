package dev.lockstep.engine.run;

import dev.lockstep.engine.api.RunListener;
import dev.lockstep.journal.Journal;
import java.time.Clock;

/**
 * What a run is driven with. The real parts act on the deployment; a test passes a model of it
 * through {@link ChecklistFactory} and {@link RollbackFacts}, with a real (in-memory) journal.
 *
 * @param currentConfig the shape of the config this Lockstep was given, for checklists recorded now
 * @param briefing words for the operator when a rollback fails: the state of every service and
 *     store, and what to do
 */
public record RunContext(
    Journal journal,
    ConfigShape currentConfig,
    ChecklistFactory checklists,
    RollbackFacts rollbackFacts,
    RunAftermath aftermath,
    RollbackBriefing briefing,
    RunListener listener,
    Clock clock,
    CrashPoints crashPoints) {}
