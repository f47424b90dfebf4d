package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.journal.RunKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnrecordedDeploymentGateTest {
  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_releaseInstalled_passes() {
    GateResult result = fixture.check(new UnrecordedDeploymentGate());

    assertThat(result.blocked()).isFalse();
    assertThat(result.message()).contains("records 1.0.0 as installed");
  }

  @Test
  void check_emptyDatabaseNothingRunning_passesAsAFirstInstall() {
    nothingInstalled();
    fixture.database = new DatabaseProbe(null, "15.4", 0, List.of());
    fixture.running = new RunningServices(List.of(), true);

    GateResult result = fixture.check(new UnrecordedDeploymentGate());

    assertThat(result.blocked()).isFalse();
    assertThat(result.message()).contains("first install");
  }

  @Test
  void check_databaseHasAppliedMigrations_blocksNamingAdopt() {
    nothingInstalled();
    fixture.database = new DatabaseProbe(null, "15.4", 2048, List.of("1", "2", "3"));

    GateResult result = fixture.check(new UnrecordedDeploymentGate());

    assertThat(result.blocked()).isTrue();
    assertThat(result.message()).contains("database app has 0 tables, 3 applied migrations");
    assertThat(result.fix()).contains("lockstep adopt --release");
  }

  @Test
  void check_serviceRunningOnAnEmptyDatabase_blocksNamingTheService() {
    nothingInstalled();
    fixture.database = new DatabaseProbe(null, "15.4", 0, List.of());
    fixture.running =
        new RunningServices(List.of("service api runs on node local (version 1.0.0)"), true);

    GateResult result = fixture.check(new UnrecordedDeploymentGate());

    assertThat(result.blocked()).isTrue();
    assertThat(result.message()).contains("service api runs on node local (version 1.0.0)");
    assertThat(result.fix()).contains("lockstep adopt");
  }

  @Test
  void check_earlierFirstInstallAttemptInTheJournal_passes() {
    nothingInstalled();
    fixture.journal.startRun(RunKind.UPGRADE, "test", null, "1.0.0");
    fixture.database = new DatabaseProbe(null, "15.4", 2048, List.of("1"));

    GateResult result = fixture.check(new UnrecordedDeploymentGate());

    assertThat(result.blocked()).isFalse();
  }

  private void nothingInstalled() {
    fixture.installedVersion = null;
    fixture.previous = null;
  }
}
