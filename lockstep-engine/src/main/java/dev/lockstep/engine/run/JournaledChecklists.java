package dev.lockstep.engine.run;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.plan.RollbackStrategy;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Step;
import dev.lockstep.journal.Checklist;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import java.util.List;
import java.util.Optional;

/**
 * Records each checklist a run follows, with the inputs that shaped it, and rebuilds it from those
 * inputs when the run goes on, whatever the config says today. A checklist that rebuilds into other
 * steps than the ones recorded is refused: the run would not do what it started to do.
 */
final class JournaledChecklists {
  private final Journal journal;
  private final ChecklistFactory factory;
  private final ConfigShape currentConfig;

  JournaledChecklists(Journal journal, ChecklistFactory factory, ConfigShape currentConfig) {
    this.journal = journal;
    this.factory = factory;
    this.currentConfig = currentConfig;
  }

  /** Records the upgrade checklist {@code inputs} make, as the run's first. */
  void recordUpgrade(String runId, RunReleases releases, ChecklistInputs inputs) {
    List<Step> steps = factory.upgrade(releases, inputs);
    journal.recordChecklist(
        runId, Phase.FORWARD, 1, RecordedChecklist.names(steps), inputs.toJson());
  }

  /** Records the rollback checklist of {@code strategy}, starting at the run's next step. */
  void recordRollback(String runId, RunReleases releases, RollbackStrategy strategy) {
    ChecklistInputs inputs =
        ChecklistInputs.rollback(releases, strategy, currentConfig, rollingOf(runId));
    List<Step> steps = factory.rollback(releases, inputs);
    journal.recordChecklist(
        runId,
        Phase.ROLLBACK,
        journal.steps(runId).size() + 1,
        RecordedChecklist.names(steps),
        inputs.toJson());
  }

  /**
   * How the upgrade that {@code runId} undoes cut its nodes into batches: that run's own (a failed
   * upgrade rolling back), or, for {@code lockstep rollback}, the one of the upgrade it undoes;
   * null when that upgrade had downtime.
   */
  private ChecklistInputs.Rolling rollingOf(String runId) {
    return firstInputs(runId)
        .map(ChecklistInputs::rolling)
        .or(
            () ->
                new RunFacts(journal, runId)
                    .get(RunFacts.ROLLS_BACK_RUN)
                    .flatMap(this::firstInputs)
                    .map(ChecklistInputs::rolling))
        .orElse(null);
  }

  /** The run's upgrade checklist, as recorded. */
  RecordedChecklist upgrade(String runId, RunReleases releases) {
    Optional<Checklist> recorded = latest(runId, Phase.FORWARD);
    if (recorded.isEmpty()) {
      return legacyUpgrade(runId, releases);
    }
    ChecklistInputs inputs = ChecklistInputs.fromJson(recorded.get().inputs(), runId);
    if (inputs.runner() != releases.next().runner()) {
      throw new LockstepException(
          ErrorCode.CHECKLIST_MISMATCH,
          "Run "
              + runId
              + " started with release "
              + inputs.to()
              + " migrating by '"
              + inputs.runner().name().toLowerCase(java.util.Locale.ROOT)
              + "', but its manifest now says '"
              + releases.next().runner().name().toLowerCase(java.util.Locale.ROOT)
              + "' ("
              + releases.next().file()
              + "). Nothing was run. Fix: put the manifest back as it was, or `lockstep resume"
              + " --rollback`.");
    }
    return verified(runId, recorded.get(), factory.upgrade(releases, inputs), inputs);
  }

  /** The run's current rollback checklist, as recorded (the latest, after an escalation). */
  RecordedChecklist rollback(String runId, RunReleases releases) {
    Optional<Checklist> recorded = latest(runId, Phase.ROLLBACK);
    if (recorded.isEmpty()) {
      return legacyRollback(runId, releases);
    }
    ChecklistInputs inputs = ChecklistInputs.fromJson(recorded.get().inputs(), runId);
    return verified(runId, recorded.get(), factory.rollback(releases, inputs), inputs);
  }

  /** The inputs of the run's first checklist: the config as it was when the run started. */
  Optional<ChecklistInputs> firstInputs(String runId) {
    return journal.checklists(runId).stream()
        .findFirst()
        .map(checklist -> ChecklistInputs.fromJson(checklist.inputs(), runId));
  }

  private RecordedChecklist verified(
      String runId, Checklist recorded, List<Step> rebuilt, ChecklistInputs inputs) {
    List<String> names = RecordedChecklist.names(rebuilt);
    if (!names.equals(recorded.steps())) {
      throw new LockstepException(
          ErrorCode.CHECKLIST_MISMATCH,
          "Run "
              + runId
              + " recorded the checklist "
              + recorded.steps()
              + ", but this Lockstep builds "
              + names
              + " from the same inputs. Nothing was run. Fix: finish the run with the Lockstep"
              + " release that started it.");
    }
    return new RecordedChecklist(rebuilt, recorded.firstSeq(), inputs);
  }

  /**
   * A run started by a Lockstep that did not record checklists: rebuilt from today's config; the
   * executor still matches every journaled step by name, so nothing can be skipped.
   */
  private RecordedChecklist legacyUpgrade(String runId, RunReleases releases) {
    RunFacts facts = new RunFacts(journal, runId);
    ChecklistInputs inputs =
        ChecklistInputs.upgrade(
            releases,
            Boolean.parseBoolean(currentConfig.fields().get("backup.snapshot")),
            facts.get(RunFacts.ACCEPT_UNVERIFIED).orElse(null),
            currentConfig);
    return new RecordedChecklist(factory.upgrade(releases, inputs), 1, inputs);
  }

  private RecordedChecklist legacyRollback(String runId, RunReleases releases) {
    RunFacts facts = new RunFacts(journal, runId);
    RollbackStrategy strategy =
        RollbackStrategy.valueOf(facts.get(RunFacts.ROLLBACK_STRATEGY).orElseThrow());
    int firstSeq = Integer.parseInt(facts.get(RunFacts.ROLLBACK_FIRST_STEP).orElseThrow());
    ChecklistInputs inputs = ChecklistInputs.rollback(releases, strategy, currentConfig, null);
    return new RecordedChecklist(factory.rollback(releases, inputs), firstSeq, inputs);
  }

  private Optional<Checklist> latest(String runId, Phase phase) {
    List<Checklist> all = journal.checklists(runId);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).phase() == phase) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }
}
