package dev.lockstep.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.postgres.migrate.AppliedMigration;
import java.util.List;
import java.util.Optional;

/**
 * Which migrations the database has now. The history table is the truth, even after a crash in the
 * middle of migrating: Lockstep's own for a release Lockstep migrates, the product's tool's table
 * for one that migrates itself. The journal's record is the fallback when the database cannot be
 * read.
 */
public final class AppliedMigrations {
  private final Toolbox tools;
  private final Journal journal;

  public AppliedMigrations(Toolbox tools, Journal journal) {
    this.tools = tools;
    this.journal = journal;
  }

  /** For a run whose releases are those of its journal record. */
  List<String> versions(String runId) {
    return versions(runId, releasesOf(runId).orElse(null));
  }

  /**
   * The migration ids the database has, as the releases' manifests spell them. For a product that
   * migrates itself, a migration its tool marks failed or unfinished counts too: what it left
   * behind is unknown, so it is judged by its declared class.
   *
   * @param releases the releases the run moves between; null when they cannot be known
   */
  public List<String> versions(String runId, RunReleases releases) {
    try {
      ReleaseManifest leaving = releases == null ? null : releases.next();
      if (leaving != null && leaving.runner() != MigrationRunnerKind.LOCKSTEP) {
        ReleaseHistory history = new ReleaseHistory(tools.config(), leaving);
        return ReleaseHistory.inDatabase(history.read(), releases.previous(), leaving);
      }
      return tools.migrations().history().stream()
          .filter(AppliedMigration::success)
          .map(AppliedMigration::version)
          .toList();
    } catch (LockstepException e) {
      tools
          .listener()
          .notice(
              "Cannot read the migration history ("
                  + e.getMessage()
                  + "); deciding from the journal.");
      return new RunFacts(journal, runId)
              .json(RunFacts.MIGRATIONS_APPLIED, new TypeReference<List<MigrationReport>>() {})
              .orElse(List.of())
              .stream()
              .map(MigrationReport::version)
              .toList();
    }
  }

  private Optional<RunReleases> releasesOf(String runId) {
    Optional<RunRecord> run = journal.run(runId);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    boolean rollback = run.get().kind() == RunKind.ROLLBACK;
    String previous = rollback ? run.get().toVersion() : run.get().fromVersion();
    String leaving = rollback ? run.get().fromVersion() : run.get().toVersion();
    try {
      ReleaseCatalog catalog =
          new ReleaseCatalog(tools.config().releases(), tools.config().trustedKeys());
      return Optional.of(
          new RunReleases(
              previous == null ? null : catalog.get(Version.parse(previous)),
              catalog.get(Version.parse(leaving))));
    } catch (LockstepException e) {
      // A manifest gone from the releases folder: Lockstep's own history is all there is to read.
      return Optional.empty();
    }
  }
}
