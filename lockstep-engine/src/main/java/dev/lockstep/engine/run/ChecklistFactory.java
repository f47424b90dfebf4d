package dev.lockstep.engine.run;

import dev.lockstep.engine.steps.Step;
import java.util.List;

/**
 * Builds the steps of a checklist from the inputs it was recorded with. The real one builds the
 * operator's checklist ({@link dev.lockstep.engine.steps.Checklists}); tests build steps that act
 * on a model of the deployment, so that the driver's decisions can be checked step by step.
 */
public interface ChecklistFactory {

  /** The upgrade from {@code releases.previous()} to {@code releases.next()}. */
  List<Step> upgrade(RunReleases releases, ChecklistInputs inputs);

  /** The rollback to {@code releases.previous()} with {@code inputs.strategy()}. */
  List<Step> rollback(RunReleases releases, ChecklistInputs inputs);
}
