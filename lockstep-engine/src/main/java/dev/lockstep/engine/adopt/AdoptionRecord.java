package dev.lockstep.engine.adopt;

import dev.lockstep.backup.VerificationResult;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.StepStatus;
import java.time.Instant;
import java.util.List;

/**
 * Writes an adoption into the journal whole, in one transaction: the adopt run, already finished,
 * its steps with their own times, its backup, and the release it installs.
 */
final class AdoptionRecord {
  private final Journal journal;
  private final String environment;

  AdoptionRecord(Journal journal, String environment) {
    this.journal = journal;
    this.environment = environment;
  }

  /** One thing adopt did, timed, as the run's steps show it. */
  record StepTime(String name, Instant started, Instant ended, String detail) {}

  /** Returns the adopt run's id. */
  String write(
      String version,
      Instant started,
      List<StepTime> steps,
      String backupId,
      VerificationResult verification) {
    return journal.inTransaction(
        () -> {
          RunRecord run =
              journal.recordFinishedRun(
                  RunKind.ADOPT,
                  environment,
                  null,
                  version,
                  RunStatus.SUCCEEDED,
                  started,
                  "Adopted the running deployment as "
                      + version
                      + "; nothing was restarted. Baseline backup: "
                      + backupId
                      + ".");
          for (StepTime step : steps) {
            journal.recordFinishedStep(
                run.id(),
                step.name(),
                Phase.FORWARD,
                StepStatus.SUCCEEDED,
                step.started(),
                step.ended(),
                step.detail());
          }
          journal.recordFact(run.id(), RunFacts.BACKUP_ID, backupId);
          journal.recordFact(
              run.id(), RunFacts.BACKUP_VERIFIED, verification.verifiedAt().toString());
          journal.setInstalled(version, run.id());
          return run.id();
        });
  }
}
