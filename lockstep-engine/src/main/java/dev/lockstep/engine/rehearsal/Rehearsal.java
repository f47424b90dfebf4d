package dev.lockstep.engine.rehearsal;

import dev.lockstep.backup.BackupRequest;
import dev.lockstep.backup.BackupSet;
import dev.lockstep.backup.BackupSummary;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RehearsalConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationResult;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code lockstep rehearse --to V}: production's data, the new migrations, the old code. The latest
 * verified backup of the installed release is restored into a scratch database, V's migrations are
 * applied there and timed, the schema change is measured, and the installed release's services
 * start against the result, beside production, to run their checks. If they pass, running the old
 * release on the new schema is proven, not assumed. Everything scratch is removed afterwards.
 */
public final class Rehearsal {
  public static final String FACT = "rehearsal";

  private final DeploymentConfig config;
  private final Journal journal;
  private final ReleaseCatalog catalog;
  private final Toolbox tools;

  public Rehearsal(
      DeploymentConfig config, Journal journal, ReleaseCatalog catalog, Toolbox tools) {
    this.config = config;
    this.journal = journal;
    this.catalog = catalog;
    this.tools = tools;
  }

  public RehearsalReport rehearse(Version to) {
    RehearsalConfig rehearsal = requireConfig();
    Installed installed =
        journal
            .installed()
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.NOTHING_TO_DO,
                        "No release is installed, so there is nothing to rehearse against."));
    ReleaseManifest current = catalog.get(Version.parse(installed.version()));
    ReleaseManifest target = catalog.get(to);
    if (target.runner() != MigrationRunnerKind.LOCKSTEP) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "Release "
              + to
              + " applies its own migrations; a rehearsal needs migrations Lockstep"
              + " can apply to a scratch copy.");
    }
    RunRecord run =
        journal.startRun(
            RunKind.REHEARSAL, config.environment(), installed.version(), to.toString());
    DatabaseConfig scratch = config.database().withName(rehearsal.database());
    ScratchServices services = new ScratchServices(config, rehearsal);
    try {
      RehearsalReport report = run(run, current, target, rehearsal, scratch, services);
      journal.recordFact(run.id(), FACT, dev.lockstep.core.io.Json.write(report));
      journal.finishRun(
          run.id(),
          report.forwardCompatible() ? RunStatus.SUCCEEDED : RunStatus.FAILED,
          summary(report));
      return report;
    } catch (RuntimeException e) {
      journal.finishRun(run.id(), RunStatus.FAILED, "The rehearsal failed: " + e.getMessage());
      throw e;
    } finally {
      services.stopAndDrop(scratch);
    }
  }

  private RehearsalReport run(
      RunRecord run,
      ReleaseManifest current,
      ReleaseManifest target,
      RehearsalConfig rehearsal,
      DatabaseConfig scratch,
      ScratchServices services) {
    Instant started = tools.clock().instant();
    String backupId = verifiedBackupOf(current);
    tools
        .listener()
        .notice("Restoring backup " + backupId + " into the scratch database " + scratch.name());
    StoreConfig copy = StoreConfig.postgres(config.stores().get(0).name(), scratch);
    tools.backups().restore(backupId, List.of(copy), store -> true);
    List<RehearsalReport.TableSize> tables = TableSizes.largest(scratch);
    SchemaSnapshot before = SchemaRecords.live(scratch);
    MigrationResult migrated = new MigrationRunner(scratch, config.migrations()).migrate(target);
    SchemaDiff diff = SchemaDiffer.diff(before, SchemaRecords.live(scratch));
    tools.listener().notice("Starting " + current.version() + " against the migrated copy");
    services.start(current);
    List<CheckResult> checks = tools.checks().runAll(rehearsal.checks());
    return new RehearsalReport(
        run.id(),
        current.version().toString(),
        target.version().toString(),
        backupId,
        scratch.name(),
        tables,
        migrated.applied().stream().map(AppliedMigration::version).toList(),
        migrated.duration(),
        diff.type(),
        diff.changes(),
        checks,
        checks.stream().allMatch(CheckResult::passed),
        Duration.between(started, tools.clock().instant()));
  }

  /**
   * Closes a rehearsal whose Lockstep died: its scratch services and database are removed, and it
   * is recorded as failed. Production was never touched, so there is nothing else to undo.
   */
  public void abandon(String runId) {
    RehearsalConfig rehearsal = requireConfig();
    new ScratchServices(config, rehearsal)
        .stopAndDrop(config.database().withName(rehearsal.database()));
    journal.finishRun(
        runId,
        RunStatus.FAILED,
        "Lockstep stopped during this rehearsal; its scratch copy was removed.");
  }

  /** The newest verified backup of the installed release; one is taken and verified if none is. */
  private String verifiedBackupOf(ReleaseManifest current) {
    String release = current.version().toString();
    for (BackupSummary backup : tools.backups().list()) {
      if (backup.verified() && release.equals(backup.release())) {
        return backup.id();
      }
    }
    tools.listener().notice("No verified backup of " + release + " yet: taking and verifying one.");
    BackupSet backup =
        tools
            .backups()
            .create(
                config.stores(), new BackupRequest(null, release, BackupRequest.Purpose.ON_DEMAND));
    if (!tools.backups().verify(backup.id(), config.stores()).verified()) {
      throw new LockstepException(
          ErrorCode.BACKUP_VERIFY_FAILED,
          "The backup taken for the rehearsal did not verify: `lockstep backup verify "
              + backup.id()
              + "` says why.");
    }
    return backup.id();
  }

  private RehearsalConfig requireConfig() {
    if (config.rehearsal() == null) {
      throw new BadInputException(
          ErrorCode.CONFIG_INVALID,
          new Problem(
              config.file(),
              "rehearsal",
              "is not configured, so Lockstep does not know how to run the installed release"
                  + " against a scratch copy.",
              "add a rehearsal section: a scratch database, the services as local processes on"
                  + " other ports, and their checks (see the README)."));
    }
    return config.rehearsal();
  }

  private static String summary(RehearsalReport report) {
    return (report.forwardCompatible()
            ? report.from()
                + " passed its checks on "
                + report.to()
                + "'s schema: forward-compatible."
            : report.from() + " FAILED its checks on " + report.to() + "'s schema.")
        + " Predicted migration time "
        + dev.lockstep.core.yaml.Durations.format(report.migrationTime())
        + "; measured "
        + report.measured().label()
        + ".";
  }
}
