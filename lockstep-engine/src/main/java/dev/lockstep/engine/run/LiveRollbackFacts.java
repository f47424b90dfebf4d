package dev.lockstep.engine.run;

import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import java.util.List;
import java.util.Optional;

/** Reads the facts from the live database and the schema snapshots in the state folder. */
public final class LiveRollbackFacts implements RollbackFacts {
  private final Toolbox tools;
  private final Journal journal;

  public LiveRollbackFacts(Toolbox tools, Journal journal) {
    this.tools = tools;
    this.journal = journal;
  }

  @Override
  public List<String> appliedMigrations(String runId, RunReleases releases) {
    return new AppliedMigrations(tools, journal).versions(runId, releases);
  }

  @Override
  public Optional<MeasuredChange> measuredChange(String runId) {
    return MeasuredChange.of(new SchemaRecords(tools.config()), runId);
  }
}
