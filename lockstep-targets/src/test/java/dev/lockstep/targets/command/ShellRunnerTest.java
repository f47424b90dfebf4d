package dev.lockstep.targets.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellRunnerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void commandsDoNotInheritLockstepsPasswordSettings_butGetTheGivenEnvironment() {
    // Set for this module's tests in its pom.
    assertThat(System.getenv("PGPASSWORD")).isEqualTo("inherited-password");
    assertThat(System.getenv("PGSERVICE")).isEqualTo("inherited-service");
    ShellRunner runner = new ShellRunner("/bin/sh", dir, null, List.of());

    ShellRunner.Result result =
        runner.run(
            "env",
            "echo \"${PGPASSWORD:-unset} ${PGSERVICE:-unset} $LOCKSTEP_RELEASE\"",
            Map.of("LOCKSTEP_RELEASE", "1.2.0"),
            DEADLINE,
            5);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.lastLines()).containsExactly("unset unset 1.2.0");
  }

  @Test
  void keepsTheLastLines_masksSecrets_andLogsAsItGoes() throws IOException {
    Secret secret = Secret.of("s3cret-value");
    Path log = dir.resolve("logs/run.log");
    ShellRunner runner = new ShellRunner("/bin/sh", dir, log, List.of(secret));

    ShellRunner.Result result =
        runner.run(
            "migrate 1.2.0",
            "for i in 1 2 3 4 5; do echo line $i; done; echo 'token s3cret-value'; exit 3",
            Map.of(),
            DEADLINE,
            2);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.lastLines()).containsExactly("line 5", "token " + secret);
    assertThat(Files.readString(log))
        .contains("migrate 1.2.0:")
        .contains("line 1")
        .contains("exit 3")
        .doesNotContain("s3cret-value");
  }

  @Test
  void aCommandStillRunningAtItsDeadline_isKilled() {
    ShellRunner runner = new ShellRunner("/bin/sh", dir, null, List.of());

    ShellRunner.Result result =
        runner.run("hang", "echo started; sleep 30", Map.of(), Duration.ofMillis(500), 5);

    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.took()).isLessThan(Duration.ofSeconds(20));
    assertThat(result.lastLines()).containsExactly("started");
  }

  @Test
  void aShellThatCannotStart_isExit127_sayingWhatToFix() {
    ShellRunner runner = new ShellRunner("/no/such/shell", dir, null, List.of());

    ShellRunner.Result result = runner.run("x", "true", Map.of(), DEADLINE, 5);

    assertThat(result.exitCode()).isEqualTo(127);
    assertThat(result.tail()).contains("/no/such/shell").contains("target.shell");
  }
}
