package dev.lockstep.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Lockstep killed with SIGKILL inside a transaction leaves none of it in the journal. */
class JournalCrashTest {
  @TempDir Path stateDir;

  @Test
  void inTransaction_killedBeforeCommit_leavesNoneOfItsWrites() throws Exception {
    Path file = stateDir.resolve("journal.db");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Its native library unpacked here: a JVM killed with SIGKILL cannot remove it.
                "-Dorg.sqlite.tmpdir=" + stateDir,
                "-cp",
                System.getProperty("java.class.path"),
                KilledInTransactionMain.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String runId;
    try {
      String line = firstLine(child);
      assertThat(line).startsWith("ready ");
      runId = line.substring("ready ".length());
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(child.isAlive()).isFalse();

    try (Journal journal = Journal.open(file)) {
      assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      assertThat(journal.steps(runId))
          .singleElement()
          .satisfies(
              step -> {
                assertThat(step.status()).isEqualTo(StepStatus.STARTED);
                assertThat(step.endedAt()).isNull();
                assertThat(step.detail()).isNull();
              });
      assertThat(journal.facts(runId)).isEmpty();
      // The journal is whole and writable again: the dead writer's lock went with it.
      journal.recordFact(runId, "after.crash", "1");
      assertThat(journal.facts(runId)).containsOnlyKeys("after.crash");
    }
  }

  private static String firstLine(Process process) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
              try {
                return reader.readLine();
              } catch (IOException e) {
                return e.toString();
              }
            })
        .get(30, TimeUnit.SECONDS);
  }
}
