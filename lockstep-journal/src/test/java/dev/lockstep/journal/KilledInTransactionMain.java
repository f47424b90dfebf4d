package dev.lockstep.journal;

import java.nio.file.Path;

/**
 * The child JVM of {@link JournalCrashTest}: commits a run and a started step, then, inside a
 * transaction, records the step's end and a fact, says {@code ready <run id>} and waits to be
 * killed before it commits.
 */
public final class KilledInTransactionMain {
  private KilledInTransactionMain() {}

  public static void main(String[] args) throws Exception {
    Journal journal = Journal.open(Path.of(args[0]));
    String runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "1.1.0").id();
    int seq = journal.stepStarted(runId, "backup", Phase.FORWARD);
    journal.inTransaction(
        () -> {
          journal.stepFinished(runId, seq, StepStatus.SUCCEEDED, "backup b1");
          journal.recordFact(runId, "backup.id", "b1");
          System.out.println("ready " + runId);
          System.out.flush();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("the parent test should have killed this process");
        });
  }
}
