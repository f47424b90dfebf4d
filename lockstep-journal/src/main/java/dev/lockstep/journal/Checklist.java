package dev.lockstep.journal;

import java.util.List;

/**
 * A checklist a run was started with (or turned to: a rollback is a second one), exactly as it was,
 * so that resuming replays it instead of computing a new one from a config that may have changed.
 *
 * @param number 1, 2, 3… in the order the run recorded them
 * @param firstSeq the step sequence number ({@link StepRecord#seq()}) of its first step
 * @param steps the step names, in order
 * @param inputs what shaped it (releases, runner, options, config digest), as a JSON object: the
 *     journal keeps it as it was given
 */
public record Checklist(
    String runId, int number, Phase phase, int firstSeq, List<String> steps, String inputs) {
  public Checklist {
    steps = List.copyOf(steps);
  }
}
