package dev.lockstep.engine.rehearsal;

import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;

/** Starts the installed release's services against the migrated copy, beside production. */
final class StartScratchServicesStep extends AbstractStep {
  static final String NAME = "start-scratch-services";

  private final ScratchContext scratch;

  StartScratchServicesStep(ScratchContext scratch) {
    super(NAME, "Start " + scratch.current().version() + " against the migrated copy");
    this.scratch = scratch;
  }

  @Override
  public String run(RunFacts facts) {
    scratch.services().start(scratch.current());
    return "started " + String.join(", ", scratch.rehearsal().services().keySet());
  }
}
