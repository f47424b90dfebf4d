package dev.lockstep.engine.run;

import dev.lockstep.engine.rolling.RollingChecklists;
import dev.lockstep.engine.steps.Checklists;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.engine.steps.Toolbox;
import java.util.List;

/** The operator's checklists, acting on the real deployment. */
public final class StepChecklists implements ChecklistFactory {
  private final Toolbox tools;

  public StepChecklists(Toolbox tools) {
    this.tools = tools;
  }

  @Override
  public List<Step> upgrade(RunReleases releases, ChecklistInputs inputs) {
    if (inputs.rolling() != null) {
      return RollingChecklists.upgrade(
          tools, releases.previous(), releases.next(), inputs.acceptUnverified(), inputs.rolling());
    }
    return Checklists.upgrade(
        tools, releases.previous(), releases.next(), inputs.acceptUnverified(), inputs.snapshot());
  }

  @Override
  public List<Step> rollback(RunReleases releases, ChecklistInputs inputs) {
    if (inputs.rolling() != null) {
      return RollingChecklists.rollback(
          tools, inputs.strategy(), releases.previous(), inputs.rolling());
    }
    return Checklists.rollback(tools, inputs.strategy(), releases.previous());
  }
}
