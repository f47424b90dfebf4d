package dev.lockstep.engine.rehearsal;

import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;

/** Stops the scratch services and drops the scratch database, whatever happened before. */
final class RemoveScratchStep extends AbstractStep {
  static final String NAME = "remove-scratch";

  private final ScratchContext scratch;

  RemoveScratchStep(ScratchContext scratch) {
    super(NAME, "Stop the scratch services and drop " + scratch.scratch().name());
    this.scratch = scratch;
  }

  @Override
  public String run(RunFacts facts) {
    scratch.services().stopAndDrop(scratch.scratch());
    return "removed " + scratch.scratch().name();
  }
}
