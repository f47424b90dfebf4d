package dev.lockstep.engine.run;

import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
    if (leavesSchema(status)) {
      recordSchema();
    }
    new ReportBuilder(journal).write(runId, tools.config().reportsDir());
  }

  /**
   * As {@link #runEnded}, except that the schema is recorded only when no record was written since
   * the run ended: recording it later would take a change made by hand since then as the run's.
   */
  @Override
  public void redo(RunRecord run) {
    new SnapshotJanitor(tools, journal).afterRun();
    if (leavesSchema(run.status()) && !schemaRecordedSince(run.endedAt())) {
      recordSchema();
    }
    new ReportBuilder(journal).write(run.id(), tools.config().reportsDir());
  }

  private static boolean leavesSchema(RunStatus status) {
    return status == RunStatus.SUCCEEDED || status == RunStatus.ROLLED_BACK;
  }

  /** The schema a finished run leaves is what the next run measures drift against. */
  private void recordSchema() {
    try {
      new SchemaRecords(tools.config()).recordCurrent();
    } catch (RuntimeException e) {
      tools.listener().notice("Could not record the schema for drift checks: " + e.getMessage());
    }
  }

  private boolean schemaRecordedSince(Instant ended) {
    Path record = new SchemaRecords(tools.config()).currentFile();
    try {
      return ended != null
          && Files.exists(record)
          && !Files.getLastModifiedTime(record).toInstant().isBefore(ended);
    } catch (IOException e) {
      return false;
    }
  }
}
