package dev.lockstep.engine.run;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.journal.StepRecord;
import dev.lockstep.journal.StepStatus;
import java.util.List;

/**
 * Where a checklist stands, told from the journal by identity: the journal's records must follow
 * the checklist step by step, by name, and the checklist resumes at the first step that has not
 * succeeded. A step the journal shows interrupted or failed is repeated; a record that names
 * another step than the checklist has at that place stops the run before anything is done, since a
 * guess could skip a migration.
 */
final class ChecklistProgress {
  private ChecklistProgress() {}

  /**
   * @param records the journal's records of this checklist, in sequence order
   * @return the index of the first step to run
   */
  static int resumeIndex(String runId, List<Step> steps, List<StepRecord> records) {
    int position = 0;
    for (StepRecord record : records) {
      if (position >= steps.size()) {
        throw mismatch(runId, record, "nothing: the checklist has " + steps.size() + " steps");
      }
      String expected = steps.get(position).name();
      if (!record.name().equals(expected)) {
        throw mismatch(runId, record, "'" + expected + "'");
      }
      if (record.status() == StepStatus.SUCCEEDED) {
        position++;
      }
    }
    return position;
  }

  private static LockstepException mismatch(String runId, StepRecord record, String expected) {
    return new LockstepException(
        ErrorCode.CHECKLIST_MISMATCH,
        "The journal of run "
            + runId
            + " does not follow its checklist: step "
            + record.seq()
            + " is '"
            + record.name()
            + "' in the journal, where the checklist has "
            + expected
            + ". Nothing was run. Fix: resume with the Lockstep release that started the run;"
            + " `lockstep status` shows where it stands.");
  }
}
