package dev.lockstep.engine.adopt;

import dev.lockstep.backup.BackupRequest;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.VerificationResult;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a deployment that runs without Lockstep as release V, restarting nothing: every service
 * reports V, the migration history is V's, a baseline backup is taken and proven by a restore, and
 * the schema is recorded for drift checks. Then, and only then, the journal gets V as installed,
 * with an adopt run saying how it was found, all in one transaction: an adoption killed half-way
 * leaves nothing to resume (at most a backup set, which `backup prune` removes under the retention
 * policy).
 */
public final class Adoption {
  private static final String CHECK_SERVICES = "check-services";
  private static final String CHECK_MIGRATIONS = "check-migrations";
  private static final String BACKUP = "backup";
  private static final String VERIFY = "verify-backup";
  private static final String RECORD_SCHEMA = "record-schema";

  private final Toolbox tools;
  private final Journal journal;

  public Adoption(Toolbox tools, Journal journal) {
    this.tools = tools;
    this.journal = journal;
  }

  /**
   * Only the checks, touching nothing: the refusal {@link #adopt} would give now, if any. For a
   * state folder that does not exist yet, which a refusal must not leave behind.
   */
  public Optional<AdoptionReport> refusal(ReleaseManifest release) {
    refuseIfRecorded(release);
    Finding services = new ServiceVersions(tools.config(), tools.target()).check(release);
    Finding migrations = new HistoryMatch(tools.config(), tools.migrations()).check(release);
    List<String> mismatches = new ArrayList<>(services.mismatches());
    mismatches.addAll(migrations.mismatches());
    return mismatches.isEmpty()
        ? Optional.empty()
        : Optional.of(refused(release, services, migrations, mismatches, null));
  }

  public AdoptionReport adopt(ReleaseManifest release) {
    refuseIfRecorded(release);
    String version = release.version().toString();
    Instant started = tools.clock().instant();
    List<AdoptionRecord.StepTime> steps = new ArrayList<>();

    Instant at = tools.clock().instant();
    Finding services = new ServiceVersions(tools.config(), tools.target()).check(release);
    steps.add(
        new AdoptionRecord.StepTime(CHECK_SERVICES, at, tools.clock().instant(), join(services)));
    at = tools.clock().instant();
    Finding migrations = new HistoryMatch(tools.config(), tools.migrations()).check(release);
    steps.add(
        new AdoptionRecord.StepTime(
            CHECK_MIGRATIONS, at, tools.clock().instant(), join(migrations)));
    List<String> mismatches = new ArrayList<>(services.mismatches());
    mismatches.addAll(migrations.mismatches());
    if (!mismatches.isEmpty()) {
      return refused(release, services, migrations, mismatches, null);
    }

    at = tools.clock().instant();
    tools.listener().notice("Taking the baseline backup of " + version + ".");
    BackupSet backup =
        tools
            .backups()
            .create(
                tools.config().stores(),
                new BackupRequest(null, version, BackupRequest.Purpose.ON_DEMAND));
    steps.add(
        new AdoptionRecord.StepTime(BACKUP, at, tools.clock().instant(), "backup " + backup.id()));
    at = tools.clock().instant();
    VerificationResult verification = tools.backups().verify(backup.id(), tools.config().stores());
    if (!verification.verified()) {
      return refused(
          release,
          services,
          migrations,
          List.of(
              "the baseline backup "
                  + backup.id()
                  + " did not verify: "
                  + String.join("; ", verification.problems())),
          backup.id());
    }
    steps.add(
        new AdoptionRecord.StepTime(
            VERIFY, at, tools.clock().instant(), "backup " + backup.id() + " verified"));

    at = tools.clock().instant();
    SchemaRecords schema = new SchemaRecords(tools.config());
    schema.recordCurrent();
    steps.add(
        new AdoptionRecord.StepTime(
            RECORD_SCHEMA, at, tools.clock().instant(), "to " + schema.currentFile()));

    String runId =
        new AdoptionRecord(journal, tools.config().environment())
            .write(version, started, steps, backup.id(), verification);
    return new AdoptionReport(
        version,
        true,
        services.matches(),
        migrations.matches(),
        List.of(),
        backup.id(),
        runId,
        null);
  }

  private void refuseIfRecorded(ReleaseManifest release) {
    Optional<Installed> installed = journal.installed();
    if (installed.isPresent()) {
      throw new LockstepException(
          ErrorCode.ADOPT_REFUSED,
          "The journal already records "
              + installed.get().version()
              + " as installed (run "
              + installed.get().runId()
              + "); adopt is for a deployment Lockstep has not seen. Nothing was touched. To go"
              + " to "
              + release.version()
              + ", use `lockstep upgrade --to "
              + release.version()
              + "`.");
    }
    Optional<RunRecord> unfinished = journal.unfinishedRun();
    if (unfinished.isPresent()) {
      throw new LockstepException(
          ErrorCode.RUN_IN_PROGRESS,
          "Run "
              + unfinished.get().id()
              + " has not finished; nothing was touched. Finish it with `lockstep resume` (or"
              + " undo it with `lockstep resume --rollback`) first.");
    }
  }

  private static AdoptionReport refused(
      ReleaseManifest release,
      Finding services,
      Finding migrations,
      List<String> mismatches,
      String backupLeft) {
    return new AdoptionReport(
        release.version().toString(),
        false,
        services.matches(),
        migrations.matches(),
        mismatches,
        null,
        null,
        backupLeft);
  }

  private static String join(Finding finding) {
    List<String> all = new ArrayList<>(finding.matches());
    all.addAll(finding.mismatches());
    return String.join("; ", all);
  }
}
