package dev.lockstep.targets.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.core.secrets.SecretRegistry;
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
  private static final Secret PASSWORD = Secret.of("s3cret-value");
  private static final DatabaseConfig DB =
      new DatabaseConfig("127.0.0.1", 5433, "app", "svc", PASSWORD, "postgres");

  @TempDir Path dir;

  private ShellRunner runner(String shell, Path log) {
    return new ShellRunner(
        shell,
        dir,
        log,
        new ProcessRunner(
            SecretRegistry.of(List.of(PASSWORD)), SecretFiles.forStateDir(dir.resolve("state"))),
        DB);
  }

  @Test
  void run_commandsGetTheDatabaseAndAPasswordFile_notLockstepsPasswordSettings() {
    // Set for this module's tests in its pom.
    assertThat(System.getenv("PGPASSWORD")).isEqualTo("inherited-password");
    assertThat(System.getenv("PGSERVICE")).isEqualTo("inherited-service");

    ProcessResult result =
        runner("/bin/sh", null)
            .run(
                "env",
                "echo \"${PGPASSWORD:-unset} ${PGSERVICE:-unset} $LOCKSTEP_RELEASE\";"
                    + " echo \"$PGHOST:$PGPORT/$PGDATABASE as $PGUSER\"; cat \"$PGPASSFILE\"",
                Map.of("LOCKSTEP_RELEASE", "1.2.0"),
                DEADLINE,
                5);

    assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
    assertThat(result.tail())
        .containsExactly(
            "unset unset 1.2.0", "127.0.0.1:5433/app as svc", "127.0.0.1:5433:*:svc:******");
  }

  @Test
  void run_logsTheCommandAndItsOutput_secretsMasked() throws IOException {
    Path log = dir.resolve("logs/run.log");

    ProcessResult result =
        runner("/bin/sh", log)
            .run("migrate 1.2.0", "echo 'token s3cret-value'; exit 3", Map.of(), DEADLINE, 2);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.tail()).containsExactly("token ******");
    assertThat(Files.readString(log))
        .contains("migrate 1.2.0: echo 'token ******'")
        .contains("exit 3")
        .doesNotContain("s3cret-value");
  }

  @Test
  void run_aShellThatCannotStart_saysWhatToFix() {
    ProcessResult result = runner("/no/such/shell", null).run("x", "true", Map.of(), DEADLINE, 5);

    assertThat(result.notStarted()).isTrue();
    assertThat(result.lastOutput()).contains("/no/such/shell").contains("target.shell");
  }
}
