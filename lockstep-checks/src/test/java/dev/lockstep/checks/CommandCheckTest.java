package dev.lockstep.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.config.CommandCheckConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.report.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCheckTest {
  @TempDir Path dir;

  @AfterEach
  void noProcessLeftBehind() {
    List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
    left.forEach(ProcessHandle::destroyForcibly);
    assertThat(left).as("processes left running").isEmpty();
  }

  @Test
  void run_expectedExitCode_passes() {
    assertThat(run("true", 0).passed()).isTrue();
    assertThat(run("exit 2", 2).passed()).isTrue();
  }

  @Test
  void run_otherExitCode_namesItAndTheLastLine() {
    CheckResult result = run("echo checking; echo 'migrations: failed' >&2; exit 3", 0);

    assertThat(result.passed()).isFalse();
    assertThat(result.message())
        .isEqualTo(
            "`echo checking; echo 'migrations: failed' >&2; exit 3` exited with code 3,"
                + " expected 0: migrations: failed");
  }

  @Test
  void run_errorFollowedByAPointer_showsTheErrorLinesNotOnlyTheCaret() {
    // What psql prints for a failing statement: the error, the statement, a caret under the token.
    String psql =
        "echo 'ERROR:  relation \"notes\" does not exist' >&2;"
            + " echo 'LINE 1: SELECT count(*) FROM notes' >&2;"
            + " echo '                             ^' >&2; exit 1";

    CheckResult result = run(psql, 0);

    assertThat(result.message())
        .endsWith(
            "exited with code 1, expected 0: ERROR:  relation \"notes\" does not exist / LINE 1:"
                + " SELECT count(*) FROM notes / ^");
  }

  @Test
  void run_retriesUntilTheCommandSucceeds() {
    Path marker = dir.resolve("count");
    String script = "echo x >> " + marker + "; test $(wc -l < " + marker + ") -ge 3";
    CheckConfig check =
        new CheckConfig(
            "ready",
            null,
            new CommandCheckConfig(script, 0),
            Duration.ofSeconds(10),
            5,
            Duration.ofMillis(20));

    CheckResult result = new CheckRunner().run(check);

    assertThat(result.passed()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
  }

  @Test
  void run_commandPastTheDeadline_isKilled() {
    CheckConfig check =
        new CheckConfig(
            "slow",
            null,
            new CommandCheckConfig("echo waiting; sleep 30 & sleep 30", 0),
            Duration.ofMillis(500),
            3,
            Duration.ofMillis(100));

    CheckResult result = new CheckRunner().run(check);

    assertThat(result.passed()).isFalse();
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(5));
    assertThat(result.message())
        .startsWith("`echo waiting; sleep 30 & sleep 30` did not finish within")
        .contains(": waiting")
        .endsWith("(1 of 4 attempts; deadline 500ms passed)");
  }

  @Test
  void run_inTheConfigsFolder() throws Exception {
    Files.writeString(dir.resolve("marker"), "here");
    CheckRunner runner =
        new CheckRunner(CheckRunner.defaultClient(), dir, List.of(), CheckListener.NONE);

    CheckResult result = runner.run(command("test -f marker", 0));

    assertThat(result.passed()).isTrue();
  }

  @Test
  void run_secretsInOutput_areMasked() {
    CheckRunner runner =
        new CheckRunner(
            CheckRunner.defaultClient(), null, List.of(Secret.of("pa55")), CheckListener.NONE);

    CheckResult result = runner.run(command("echo login pa55 refused; exit 1", 0));

    assertThat(result.message()).doesNotContain("pa55").contains("login ****** refused");
  }

  @Test
  void run_forADeployment_theCommandGetsItsDatabaseAndAPasswordFileInTheStateFolder()
      throws Exception {
    DatabaseConfig db =
        new DatabaseConfig("127.0.0.1", 5433, "app", "svc", Secret.of("pw-check"), "postgres");
    DeploymentConfig config =
        DeploymentConfig.builder()
            .file(dir.resolve("lockstep.yaml"))
            .environment("test")
            .stateDir(dir.resolve("state"))
            .releases(dir.resolve("releases"))
            .database(db)
            .build();
    String script =
        "echo \"$PGHOST:$PGPORT/$PGDATABASE $PGUSER\" > seen; cp \"$PGPASSFILE\" pass;"
            + " echo \"$PGPASSFILE\" >> seen";

    CheckResult result =
        CheckRunner.forDeployment(config, CheckListener.NONE).run(command(script, 0));

    assertThat(result.passed()).as(result.message()).isTrue();
    List<String> seen = Files.readAllLines(dir.resolve("seen"));
    assertThat(seen.get(0)).isEqualTo("127.0.0.1:5433/app svc");
    assertThat(seen.get(1)).startsWith(dir.resolve("state/tmp").toString());
    assertThat(Path.of(seen.get(1))).doesNotExist();
    assertThat(Files.readString(dir.resolve("pass"))).isEqualTo("127.0.0.1:5433:*:svc:pw-check\n");
  }

  private static CheckResult run(String script, int expectExitCode) {
    return new CheckRunner().run(command(script, expectExitCode));
  }

  private static CheckConfig command(String script, int expectExitCode) {
    return new CheckConfig(
        "command",
        null,
        new CommandCheckConfig(script, expectExitCode),
        Duration.ofSeconds(10),
        0,
        Duration.ofMillis(10));
  }
}
