package dev.lockstep.engine.rehearsal;

import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;
import java.util.List;

/**
 * Restores production's verified backup into the scratch database, and notes its largest tables.
 */
final class RestoreScratchStep extends AbstractStep {
  static final String NAME = "restore-scratch";

  private final ScratchContext scratch;

  RestoreScratchStep(ScratchContext scratch) {
    super(NAME, "Restore the backup into the scratch database " + scratch.scratch().name());
    this.scratch = scratch;
  }

  @Override
  public String run(RunFacts facts) {
    String backupId = ScratchRestore.restore(scratch, facts);
    List<RehearsalReport.TableSize> tables = TableSizes.largest(scratch.scratch());
    facts.putJsonAtStepEnd(RehearsalFacts.TABLES, tables);
    return "restored " + backupId + " into " + scratch.scratch().name();
  }
}
