package dev.lockstep.targets.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStopperTest {
  @TempDir Path dir;

  @Test
  void aProcessThatIgnoresSigtermAndStartsAnotherMeanwhile_losesThatOneToo() throws Exception {
    Path started = dir.resolve("started-on-term.pid");
    // On SIGTERM the loop goes on and starts a long sleep: a child the first listing cannot see.
    Process stubborn =
        new ProcessBuilder(
                "sh",
                "-c",
                "trap 'sleep 300 & echo $! > "
                    + started
                    + "' TERM; echo ready; while :; do sleep"
                    + " 0.05; done")
            .redirectErrorStream(true)
            .start();
    ProcessHandle lateChild = null;
    try {
      assertThat(stubborn.inputReader().readLine()).isEqualTo("ready");

      new ProcessStopper()
          .stop(
              stubborn.toHandle(),
              Duration.ofMillis(700),
              "api",
              "local",
              new ServiceLog(dir.resolve("api@local.log")));

      assertThat(started).exists();
      long pid = Long.parseLong(Files.readString(started).trim());
      lateChild = ProcessHandle.of(pid).orElse(null);
      assertThat(stubborn.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(lateChild == null || !LiveProcess.isRunning(lateChild))
          .as("the sleep started after SIGTERM (pid %d) is gone", pid)
          .isTrue();
      assertThat(Files.readString(dir.resolve("api@local.log"))).contains("sending SIGKILL");
    } finally {
      stubborn.destroyForcibly();
      if (lateChild != null) {
        lateChild.destroyForcibly();
      }
    }
  }
}
