package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path stateDir;

  @Test
  void startRun_recordsARunOwnedByThisProcess() {
    try (Journal journal = Journal.open(stateDir.resolve("journal.db"))) {
      RunRecord run = journal.startRun(RunKind.UPGRADE, "staging", "1.0.0", "1.1.0");

      assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(run.ownerPid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(run.orphaned()).isFalse();
      assertThat(journal.unfinishedRun()).contains(run);
    }
  }

  @Test
  void steps_areRecordedBeforeAndAfterInOrder() {
    try (Journal journal = Journal.open(stateDir.resolve("journal.db"))) {
      String runId = journal.startRun(RunKind.UPGRADE, "staging", null, "1.0.0").id();
      int backup = journal.stepStarted(runId, "backup", Phase.FORWARD);
      journal.stepFinished(runId, backup, StepStatus.SUCCEEDED, "backup 20261123-1");
      int migrate = journal.stepStarted(runId, "migrate", Phase.FORWARD);

      assertThat(journal.steps(runId))
          .extracting(StepRecord::seq, StepRecord::name, StepRecord::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "backup", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(migrate, "migrate", StepStatus.STARTED));
      assertThat(journal.steps(runId).get(1).endedAt()).isNull();
    }
  }

  @Test
  void journal_survivesReopening() {
    Path file = stateDir.resolve("journal.db");
    String runId;
    try (Journal journal = Journal.open(file)) {
      runId = journal.startRun(RunKind.UPGRADE, "prod", "1.0.0", "2.0.0").id();
      journal.recordFact(runId, "backup.id", "b1");
      journal.recordFact(runId, "backup.id", "b2");
      journal.finishRun(runId, RunStatus.ROLLED_BACK, "smoke check failed");
      journal.setInstalled("1.0.0", runId);
    }
    try (Journal journal = Journal.open(file)) {
      assertThat(journal.facts(runId)).containsEntry("backup.id", "b2");
      assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(journal.unfinishedRun()).isEmpty();
      assertThat(journal.installed().orElseThrow().version()).isEqualTo("1.0.0");
    }
  }

  @Test
  void orphaned_isTrueWhenTheOwnerProcessIsGone() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    RunRecord run =
        new RunRecord(
            "r",
            RunKind.UPGRADE,
            "e",
            null,
            "1.0.0",
            RunStatus.RUNNING,
            Instant.now(),
            null,
            gone.pid(),
            Instant.now(),
            null);

    assertThat(run.orphaned()).isTrue();
  }

  @Test
  void orphaned_isTrueWhenThePidWasReusedByAnotherProcess() {
    RunRecord run =
        new RunRecord(
            "r",
            RunKind.UPGRADE,
            "e",
            null,
            "1.0.0",
            RunStatus.RUNNING,
            Instant.now(),
            null,
            ProcessHandle.current().pid(),
            Instant.EPOCH,
            null);

    assertThat(run.orphaned()).isTrue();
  }

  @Test
  void acquire_refusesASecondHolder() throws Exception {
    try (StateLock first = StateLock.acquire(stateDir)) {
      assertThatThrownBy(() -> StateLock.acquire(stateDir))
          .isInstanceOfAny(
              LockstepException.class, java.nio.channels.OverlappingFileLockException.class);
    }
    try (StateLock again = StateLock.acquire(stateDir)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void acquire_refusesWhileAnotherProcessHoldsIt() throws Exception {
    Process holder = startHolder(0);
    try {
      assertThatThrownBy(() -> StateLock.acquire(stateDir))
          .isInstanceOf(LockstepException.class)
          .satisfies(
              e ->
                  assertThat(((LockstepException) e).errorCode())
                      .isEqualTo(ErrorCode.RUN_IN_PROGRESS))
          .hasMessageContaining("Another Lockstep process (pid " + holder.pid() + ")");
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void acquire_namesTheHolderThatWritesItsPidJustAfterTakingTheLock() throws Exception {
    // The previous holder's pid is still in the file when the new one takes the lock.
    Process previous = new ProcessBuilder("true").start();
    previous.waitFor();
    Files.writeString(stateDir.resolve("lockstep.lock"), "pid " + previous.pid());
    Process holder = startHolder(300);
    try {
      assertThatThrownBy(() -> StateLock.acquire(stateDir))
          .hasMessageContaining("(pid " + holder.pid() + ")")
          .hasMessageNotContaining("pid " + previous.pid() + ")");
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void close_clearsThePid_soNoLaterRefusalNamesAFinishedProcess() throws Exception {
    try (StateLock lock = StateLock.acquire(stateDir)) {
      assertThat(Files.readString(stateDir.resolve("lockstep.lock")))
          .isEqualTo("pid " + ProcessHandle.current().pid());
    }
    assertThat(Files.readString(stateDir.resolve("lockstep.lock"))).isEmpty();
  }

  /**
   * Another JVM holding the same kind of lock Lockstep takes (fcntl, not flock(1)), writing its pid
   * {@code pidDelayMillis} after taking it; returns once the lock is held.
   */
  private Process startHolder(int pidDelayMillis) throws Exception {
    Path holderSource = stateDir.resolve("Holder.java");
    Files.writeString(
        holderSource,
        "public class Holder { public static void main(String[] a) throws Exception {"
            + " var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),"
            + " java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);"
            + " ch.lock(); System.out.println(\"held\"); System.out.flush();"
            + " Thread.sleep(Long.parseLong(a[1])); ch.truncate(0);"
            + " ch.write(java.nio.ByteBuffer.wrap((\"pid \" + ProcessHandle.current().pid())"
            + ".getBytes()), 0); Thread.sleep(30000); } }");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holderSource.toString(),
                stateDir.resolve("lockstep.lock").toString(),
                String.valueOf(pidDelayMillis))
            .redirectErrorStream(true)
            .start();
    holder.getInputStream().read(new byte[5]);
    return holder;
  }
}
