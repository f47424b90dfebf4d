package dev.lockstep.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.postgres.migrate.AppliedMigration;
import java.util.List;

/**
 * Which migrations the database has now. The history table is the truth, even after a crash in the
 * middle of migrating; the journal's record is the fallback when the database cannot be read.
 */
final class AppliedMigrations {
  private final Toolbox tools;
  private final Journal journal;

  AppliedMigrations(Toolbox tools, Journal journal) {
    this.tools = tools;
    this.journal = journal;
  }

  List<String> versions(String runId) {
    try {
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
}
