package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.io.Json;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged jar, run as an operator would, on one sample deployment: every exit code. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JarExitCodesIT {
  SampleDeployment sample;
  LockstepJar lockstep;

  @BeforeAll
  void deploy() {
    sample = TestSamples.create(PostgresExtension.server(), "jar_exit_codes", false);
    lockstep = new LockstepJar(sample.environment(), sample.folder());
  }

  @AfterAll
  void tearDown() {
    try (var deployment =
        dev.lockstep.engine.Deployment.open(
            sample.config(), dev.lockstep.engine.EngineOptions.quiet())) {
      deployment.stopServices();
    }
    sample.close();
  }

  @Test
  @Order(1)
  void version_exits0() {
    Result result = lockstep.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("lockstep ");
  }

  @Test
  @Order(2)
  void badInput_exits2AndTouchesNothing() throws Exception {
    Path state = sample.folder().resolve("state");
    assertThat(lockstep.run("plan", "--to", "latest").exitCode()).isEqualTo(2);
    assertThat(lockstep.run("upgrade", "--to", "^1.0").exitCode()).isEqualTo(2);
    assertThat(lockstep.run("upgrade", "--to", "9.9.9").all())
        .contains("no release 9.9.9")
        .contains("[1.0.0, 1.1.0, 2.0.0]");
    assertThat(lockstep.run("upgrade", "--to", "9.9.9").exitCode()).isEqualTo(2);
    Result missing = lockstep.run("plan", "--to", "1.0.0", "-c", "nowhere.yaml");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).contains("nowhere.yaml").contains("does not exist");
    Path broken = sample.folder().resolve("broken.yaml");
    Files.writeString(
        broken, Files.readString(sample.configFile()).replace("stopTimeout", "stopTimout"));
    Result unknownField = lockstep.run("upgrade", "--to", "1.0.0", "-c", broken.toString());
    assertThat(unknownField.exitCode()).isEqualTo(2);
    assertThat(unknownField.stderr())
        .contains("broken.yaml")
        .contains("did you mean 'stopTimeout'");
    assertThat(lockstep.run("frobnicate").exitCode()).isEqualTo(2);
    assertThat(state).doesNotExist();
  }

  @Test
  @Order(3)
  void nothingToResumeOrRollBack_exits1() {
    Result resume = lockstep.run("resume");

    assertThat(resume.exitCode()).isEqualTo(1);
    assertThat(resume.stderr()).contains("no interrupted run");
    assertThat(lockstep.run("rollback").exitCode()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void upgrades_exit0_andAFailedUpgradeRolledBack_exits3() {
    Result install = lockstep.run("upgrade", "--to", "1.0.0");
    assertThat(install.exitCode()).as(install.all()).isZero();
    sample.notes().write("untagged", "2.0.0 cannot list me", null);
    Result expand = lockstep.run("upgrade", "--to", "1.1.0");
    assertThat(expand.exitCode()).as(expand.all()).isZero();
    assertThat(expand.stdout())
        .contains("Plan for demo: 1.0.0 → 1.1.0")
        .contains("succeeded (exit 0)");

    Result contract = lockstep.run("upgrade", "--to", "2.0.0", "--output", "json");

    assertThat(contract.exitCode()).as(contract.all()).isEqualTo(3);
    JsonNode report = Json.read(contract.stdout(), JsonNode.class);
    assertThat(report.get("status").asText()).isEqualTo("rolled_back");
    assertThat(report.get("rollback").get("strategy").asText()).isEqualTo("restore_backup");
  }

  @Test
  @Order(5)
  void statusHistoryAndBackups_reportInTextAndJson() {
    Result status = lockstep.run("status");
    assertThat(status.exitCode()).isZero();
    assertThat(status.stdout()).contains("Installed:   1.1.0").contains("api").contains("running");

    JsonNode history =
        Json.read(lockstep.run("history", "--output", "json").stdout(), JsonNode.class);
    assertThat(history).hasSize(3);
    assertThat(history.get(0).get("status").asText()).isEqualTo("rolled_back");

    Result list = lockstep.run("backup", "list");
    assertThat(list.exitCode()).isZero();
    String newest = list.stdout().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    assertThat(lockstep.run("backup", "verify", newest).exitCode()).isZero();

    Result refused = lockstep.run("backup", "restore", newest);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("is running").contains("Nothing was touched");
    assertThat(lockstep.run("backup", "verify", "no-such-backup").exitCode()).isEqualTo(2);

    Result page = lockstep.run("report");
    assertThat(page.exitCode()).as(page.all()).isZero();
    assertThat(page.stdout()).startsWith("Wrote ").contains(".html: run ");
    assertThat(lockstep.run("report", "no-such-run").exitCode()).isEqualTo(2);
    Result extensions = lockstep.run("extensions", "--to", "1.1.0");
    assertThat(extensions.exitCode()).isEqualTo(2);
    assertThat(extensions.stderr()).contains("extensions").contains("is not configured");
  }

  @Test
  @Order(6)
  void aSecondLockstepOnTheSameDeployment_isRefusedWhileTheFirstRuns() throws Exception {
    LockstepJar.Running first =
        lockstep.start(
            Map.of("LOCKSTEP_PAUSE_AT", "forward:backup:started"), "upgrade", "--to", "2.0.0");
    try {
      first.awaitStderr("paused at forward:backup:started", Duration.ofMinutes(1));

      Result second = lockstep.run("upgrade", "--to", "2.0.0");

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.stderr())
          .contains("Another Lockstep process (pid " + first.process.pid() + ")")
          .contains("Wait for it to finish");
      assertThat(second.stdout()).as("refused before planning").doesNotContain("Gates");
    } finally {
      first.kill();
    }
    Result resumed = lockstep.run("resume", "--rollback");
    assertThat(resumed.exitCode()).isEqualTo(1);
    assertThat(resumed.stdout()).contains("before anything was changed");
    assertThat(lockstep.run("status").stdout()).contains("Installed:   1.1.0");
  }
}
