package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.report.CheckResult;
import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;
import java.util.List;

/**
 * Runs the rehearsal's checks against the installed release on the migrated copy. Failing checks
 * are the rehearsal's verdict, not a failure of the step: they are what it set out to learn.
 */
final class CheckScratchStep extends AbstractStep {
  static final String NAME = "check-scratch";

  private final ScratchContext scratch;

  CheckScratchStep(ScratchContext scratch) {
    super(NAME, "Run " + scratch.current().version() + "'s checks on the migrated copy");
    this.scratch = scratch;
  }

  @Override
  public String run(RunFacts facts) {
    List<CheckResult> checks = scratch.tools().checks().runAll(scratch.rehearsal().checks());
    facts.putJsonAtStepEnd(RehearsalFacts.CHECKS, checks);
    long passed = checks.stream().filter(CheckResult::passed).count();
    return passed + " of " + checks.size() + " checks passed";
  }
}
