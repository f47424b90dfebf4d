package dev.lockstep.engine.migrations;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.engine.migrations.MigrationsReport.Applied;
import dev.lockstep.engine.migrations.MigrationsReport.Dirty;
import dev.lockstep.engine.migrations.MigrationsReport.HistoryTable;
import dev.lockstep.engine.migrations.MigrationsReport.Pending;
import dev.lockstep.engine.migrations.MigrationsReport.PendingMigration;
import dev.lockstep.engine.migrations.MigrationsReport.RunMigrations;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.history.HistoryFormat;
import dev.lockstep.history.HistoryReader;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingCalculator;
import dev.lockstep.history.PendingMigrations;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.postgres.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@link MigrationsReport}: reads every history table in the product's database, compares
 * the release's declared migrations with the table its runner writes, and looks up what a run
 * journaled. Only reads.
 */
public final class MigrationsOverview {
  private final DeploymentConfig config;
  private final Journal journal;
  private final ReleaseCatalog catalog;

  public MigrationsOverview(DeploymentConfig config, Journal journal, ReleaseCatalog catalog) {
    this.config = config;
    this.journal = journal;
    this.catalog = catalog;
  }

  /**
   * @param release the release to count pending migrations for; null for the installed one
   * @param runId the run whose applied migrations to list; null for none
   */
  public MigrationsReport report(Version release, String runId) {
    RunMigrations run = runId == null ? null : run(runId);
    String installed = journal.installed().map(Installed::version).orElse(null);
    ReleaseManifest manifest =
        release != null
            ? catalog.get(release)
            : installed == null ? null : catalog.get(Version.parse(installed));
    List<HistoryTable> tables = tables();
    return new MigrationsReport(
        config.environment(),
        manifest == null ? null : manifest.version().toString(),
        manifest != null && manifest.version().toString().equals(installed),
        manifest == null ? null : manifest.runner().name().toLowerCase(Locale.ROOT),
        tables,
        manifest == null ? null : pending(manifest),
        run);
  }

  /**
   * What the journal alone tells, for when the database cannot be read ({@code why}): the installed
   * release, and what run {@code runId} (null: none) applied.
   */
  public MigrationsReport fromJournal(String runId, String why) {
    RunMigrations run = runId == null ? null : run(runId);
    String installed = journal.installed().map(Installed::version).orElse(null);
    ReleaseManifest manifest = installed == null ? null : catalog.get(Version.parse(installed));
    return new MigrationsReport(
        config.environment(),
        installed,
        installed != null,
        manifest == null ? null : manifest.runner().name().toLowerCase(Locale.ROOT),
        List.of(),
        null,
        run,
        why);
  }

  private List<HistoryTable> tables() {
    try (Connection connection = new Database(config.database()).connect()) {
      return new HistoryReader(connection, config.migrations().historyTable())
          .detect().stream().map(MigrationsOverview::table).toList();
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the migration history tables of "
              + config.database()
              + ": "
              + e.getMessage()
              + ".",
          e);
    }
  }

  private static HistoryTable table(MigrationHistory history) {
    return new HistoryTable(
        key(history.format()),
        history.format().label(),
        history.table(),
        history.applied().stream()
            .map(e -> new Applied(e.id(), e.description(), e.appliedAt(), e.success()))
            .toList(),
        history.dirty().stream().map(d -> new Dirty(d.what(), d.wayOut())).toList());
  }

  private Pending pending(ReleaseManifest release) {
    MigrationHistory history = new ReleaseHistory(config, release).read();
    PendingMigrations compared =
        PendingCalculator.compare(
            history, ReleaseHistory.declaredIds(release), ReleaseHistory.baseline(release));
    List<PendingMigration> pending =
        compared.pending().stream()
            .map(id -> release.migration(id).map(s -> pendingMigration(s)).orElseThrow())
            .toList();
    return new Pending(
        key(history.format()),
        history.format().label(),
        history.table(),
        pending,
        compared.unknown());
  }

  private static PendingMigration pendingMigration(MigrationScript script) {
    return new PendingMigration(
        script.version(),
        script.file() == null ? ReleaseHistory.describe(script.version()) : script.description(),
        script.type() == null ? null : script.type().label());
  }

  private RunMigrations run(String runId) {
    RunRecord record =
        journal
            .run(runId)
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.USAGE,
                        "There is no run "
                            + runId
                            + " in "
                            + config.journalFile()
                            + ". `lockstep history` lists the runs."));
    List<MigrationReport> applied =
        new RunFacts(journal, runId)
            .json(RunFacts.MIGRATIONS_APPLIED, new TypeReference<List<MigrationReport>>() {})
            .orElse(List.of());
    return new RunMigrations(
        record.id(),
        record.kind().name().toLowerCase(Locale.ROOT),
        record.fromVersion(),
        record.toVersion(),
        record.status().name().toLowerCase(Locale.ROOT),
        applied);
  }

  /** {@code GOLANG_MIGRATE} → {@code golang-migrate}, as manifests write it. */
  static String key(HistoryFormat format) {
    return format.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
