package dev.lockstep.engine.run;

import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;

/** What the operator is told when a rollback fails and the deployment needs them. */
public interface RollbackBriefing {
  String rollbackFailed(
      RunFacts facts,
      RollbackStrategy strategy,
      RunReleases releases,
      Step failedStep,
      RuntimeException error);
}
