package dev.lockstep.engine.run;

import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunStatus;

/** Drops unneeded snapshots, records the schema the run left, and writes the run's report. */
public final class LiveAftermath implements RunAftermath {
  private final Toolbox tools;
  private final Journal journal;

  public LiveAftermath(Toolbox tools, Journal journal) {
    this.tools = tools;
    this.journal = journal;
  }

  @Override
  public void runEnded(String runId, RunStatus status) {
    new SnapshotJanitor(tools, journal).afterRun();
    if (status == RunStatus.SUCCEEDED || status == RunStatus.ROLLED_BACK) {
      // The schema a finished run leaves is what the next run measures drift against.
      try {
        new SchemaRecords(tools.config()).recordCurrent();
      } catch (RuntimeException e) {
        tools.listener().notice("Could not record the schema for drift checks: " + e.getMessage());
      }
    }
    new ReportBuilder(journal).write(runId, tools.config().reportsDir());
  }
}
