package dev.lockstep.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.core.secrets.SecretRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private static final String SH = "/bin/sh";

  @TempDir Path dir;

  private ProcessRunner runner(Secret... secrets) {
    return new ProcessRunner(
        SecretRegistry.of(List.of(secrets)), SecretFiles.forStateDir(dir.resolve("state")));
  }

  @Test
  void run_childInheritsNoPgCredentialNorTheSecretsVariable_butGetsWhatIsGiven() {
    // Set for this module's tests in its pom.
    assertThat(System.getenv("PGPASSWORD")).isEqualTo("inherited-password");
    String variable = "LOCKSTEP_TEST_DB_PASSWORD";
    Secret password = Secret.fromVariable(variable, System.getenv(variable));

    ProcessResult result =
        runner(password)
            .run(
                ProcessSpec.shell("env", SH, "env | sort")
                    .withEnvironment(Map.of("GIVEN", "yes"))
                    .keepingLines(500));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.head())
        .contains("GIVEN=yes")
        .noneMatch(line -> line.startsWith("PGPASSWORD="))
        .noneMatch(line -> line.startsWith("PGPASSFILE="))
        .noneMatch(line -> line.startsWith("PGSERVICE="))
        .noneMatch(line -> line.startsWith("PGSERVICEFILE="))
        .noneMatch(line -> line.startsWith(variable + "="))
        .anyMatch(line -> line.startsWith("PATH="));
  }

  @Test
  void run_withADatabase_givesItAPasswordFileThatIsGoneAfterwards() throws Exception {
    Secret password = Secret.of("db-pass:word");
    DatabaseConfig db = new DatabaseConfig("127.0.0.1", 5433, "app", "svc", password, "postgres");

    ProcessResult result =
        runner(password)
            .run(
                ProcessSpec.shell(
                        "psql-like",
                        SH,
                        "echo \"$PGHOST $PGPORT $PGDATABASE $PGUSER\"; echo \"$PGPASSFILE\";"
                            + " cat \"$PGPASSFILE\"")
                    .withDatabase(db));

    assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
    assertThat(result.head().get(0)).isEqualTo("127.0.0.1 5433 app svc");
    Path passFile = Path.of(result.head().get(1));
    assertThat(passFile.startsWith(dir.resolve("state/tmp"))).as(passFile.toString()).isTrue();
    assertThat(passFile).doesNotExist();
    assertThat(result.head().get(2)).isEqualTo("127.0.0.1:5433:*:svc:******");
  }

  @Test
  void run_masksSecretsInWhatItKeepsAndLogs() throws Exception {
    Secret secret = Secret.of("s3cret-value");
    Path log = dir.resolve("logs/run.log");

    ProcessResult result =
        runner(secret)
            .run(
                ProcessSpec.shell(
                        "migrate 1.2.0",
                        SH,
                        "for i in 1 2 3 4 5; do echo line $i; done; echo 'token s3cret-value'; exit 3")
                    .loggedTo(log)
                    .keepingLines(2));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.tail()).containsExactly("line 5", "token ******");
    assertThat(result.describeFailure()).contains("migrate 1.2.0 exited with 3").contains("line 5");
    assertThat(Files.readString(log))
        .contains("migrate 1.2.0: for i in")
        .contains("  | line 1")
        .contains("exit 3")
        .doesNotContain("s3cret-value");
  }

  @Test
  void run_keepsStderrApart_forATool() {
    ProcessResult result =
        runner().run(ProcessSpec.of("tool", List.of(SH, "-c", "echo out; echo err >&2; exit 1")));

    assertThat(result.head()).containsExactly("out");
    assertThat(result.errorTail()).containsExactly("err");
    assertThat(result.lastOutput()).isEqualTo("err");
  }

  @Test
  void run_aChildStillRunningAtItsDeadline_isStoppedWithWhatItStarted() {
    ProcessResult result =
        runner()
            .run(
                ProcessSpec.shell("hang", SH, "echo started; sleep 30 & wait")
                    .withDeadline(Duration.ofMillis(500)));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.took()).isLessThan(Duration.ofSeconds(20));
    assertThat(result.tail()).containsExactly("started");
    assertThat(result.describeFailure()).contains("hang did not finish by its deadline");
  }

  @Test
  void run_anExceptionFromTheTick_stopsTheChildAndIsThrown() {
    AtomicInteger ticks = new AtomicInteger();
    ProcessSpec spec =
        ProcessSpec.of("sleeper", List.of("sleep", "30"))
            .every(
                Duration.ofMillis(50),
                () -> {
                  if (ticks.incrementAndGet() == 3) {
                    throw new IllegalStateException("hashing failed");
                  }
                });
    long started = System.nanoTime();

    assertThatThrownBy(() -> runner().run(spec)).hasMessage("hashing failed");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void run_aProgramThatCannotStart_isExit127SayingWhy() {
    ProcessResult result = runner().run(ProcessSpec.of("x", List.of("/no/such/program")));

    assertThat(result.exitCode()).isEqualTo(ProcessResult.NOT_STARTED);
    assertThat(result.describeFailure()).contains("cannot start program");
  }
}
