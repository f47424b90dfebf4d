package dev.lockstep.engine.run;

import dev.lockstep.engine.steps.Step;
import java.util.List;

/**
 * A checklist as a run recorded it: its steps rebuilt from the recorded inputs, and the sequence
 * number of its first step in the journal.
 */
record RecordedChecklist(List<Step> steps, int firstSeq, ChecklistInputs inputs) {

  static List<String> names(List<Step> steps) {
    return steps.stream().map(Step::name).toList();
  }
}
